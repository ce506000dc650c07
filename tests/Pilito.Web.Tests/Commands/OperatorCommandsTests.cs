using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Pilito.Web.Commands;

namespace Pilito.Web.Tests.Commands;

/// <summary>The entry point tells commands from server arguments before any service exists.</summary>
public sealed class OperatorCommandsTests
{
    // The commands the README and operators' scripts name, written out: not read from the table the code reads.
    private static readonly string[] Documented = ["migrate", "check-otp-config", "create-admin", "purge-otp", "test-sms", "test-kavenegar", "reset-two-factor"];

    [TestCaseSource(nameof(Documented))]
    public void Documented_command_is_recognised_in_any_case(string name)
    {
        Assert.That(OperatorCommands.IsCommand([name]), Is.True);
        Assert.That(OperatorCommands.IsCommand([name.ToUpperInvariant(), "--help"]), Is.True);
    }

    [TestCaseSource(nameof(Documented))]
    public void Help_lists_the_documented_command(string name) =>
        Assert.That(Help(), Does.Contain($"  {name} "));

    [Test]
    public void Entry_point_has_no_command_the_README_does_not_document() =>
        Assert.That(OperatorCommands.Names, Is.EquivalentTo(Documented));

    [TestCase("--help")]
    [TestCase("-h")]
    [TestCase("-?")]
    public void Help_is_answered_by_the_commands_not_the_server(string flag)
    {
        Assert.That(OperatorCommands.IsHelp([flag]), Is.True);
        Assert.That(OperatorCommands.IsCommand([flag]), Is.True);
    }

    [Test]
    public void Help_names_the_main_settings() =>
        Assert.That(Help(), Does.Contain("ConnectionStrings__Pilito").And.Contain("Otp__HashKey").And.Contain("KAVENEGAR_API_KEY")
            .And.Contain("Sms__Providers__0").And.Contain("ForwardedHeaders__KnownProxies__0"));

    [TestCase]
    [TestCase("--urls", "http://127.0.0.1:5000")]
    [TestCase("serve")]
    [TestCase("migrate-db")]
    [TestCase("--migrate")]
    public void Server_arguments_and_near_misses_are_not_commands(params string[] args) =>
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
