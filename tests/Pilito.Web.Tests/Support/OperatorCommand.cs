using System.Globalization;
using Pilito.Web.Commands;

namespace Pilito.Web.Tests.Support;

/// <summary>Runs an operator command (check-otp-config, test-kavenegar …) in-process against an app's services.</summary>
public static class OperatorCommand
{
    public sealed record Result(int ExitCode, string Output)
    {
        public IReadOnlyList<string> Lines => Output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();

        /// <summary>The single line that starts with <paramref name="prefix"/> (e.g. "✅ API key:"); fails the test otherwise.</summary>
        public string Line(string prefix)
        {
            var matches = Lines.Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            Assert.That(matches, Has.Count.EqualTo(1), $"one line starting with \"{prefix}\" in:\n{Output}");
            return matches[0];
        }

        /// <summary>The line of the check named <paramref name="name"/>, whatever its mark.</summary>
        public string Check(string name)
        {
            var matches = Lines.Where(l => l.Contains($" {name}: ", StringComparison.Ordinal) && !l.StartsWith(' ')).ToList();
            Assert.That(matches, Has.Count.EqualTo(1), $"one \"{name}\" line in:\n{Output}");
            return matches[0];
        }
    }

    public static async Task<Result> RunAsync(PilitoApp app, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        var exitCode = await OperatorCommands.RunAsync(app.Services, args, output, CancellationToken.None);
        return new Result(exitCode, output.ToString());
    }
}
