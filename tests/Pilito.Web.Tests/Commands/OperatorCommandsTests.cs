using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Pilito.Web.Commands;

namespace Pilito.Web.Tests.Commands;

/// <summary>The entry point tells commands from server arguments before any service exists.</summary>
public sealed class OperatorCommandsTests
{
    [Test]
    public void Every_command_the_help_lists_is_recognised_as_a_command()
    {
        var help = Help();

        Assert.That(OperatorCommands.Names, Has.Count.EqualTo(5));
        foreach (var name in OperatorCommands.Names)
        {
            Assert.That(help, Does.Contain($"  {name} "), $"help lists {name}");
            Assert.That(OperatorCommands.IsCommand([name]), Is.True, name);
            Assert.That(OperatorCommands.IsCommand([name.ToUpperInvariant(), "--help"]), Is.True, name);
        }
    }

    [TestCase]
    [TestCase("--urls", "http://127.0.0.1:5000")]
    [TestCase("serve")]
    public void Server_arguments_are_not_commands(params string[] args) =>
        Assert.That(OperatorCommands.IsCommand(args), Is.False);

    private static string Help()
    {
        using var services = new ServiceCollection().BuildServiceProvider();
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        var exitCode = OperatorCommands.RunAsync(services, ["--help"], output, CancellationToken.None).GetAwaiter().GetResult();
        Assert.That(exitCode, Is.Zero, output.ToString());
        return output.ToString();
    }
}
