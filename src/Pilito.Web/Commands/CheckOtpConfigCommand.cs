using System.CommandLine;
using Mediator;
using Pilito.Application.Common.Ports;
using Pilito.Application.Diagnostics.CheckOtpConfig;

namespace Pilito.Web.Commands;

/// <summary>`check-otp-config [--online]`: one line per check; exit 0 only when nothing is ❌.</summary>
public static class CheckOtpConfigCommand
{
    public const string Name = "check-otp-config";

    public static Command Create(IServiceProvider services, TextWriter output)
    {
        var online = new Option<bool>("--online") { Description = "Also ask Kavenegar: reachable, key accepted, credit (sends no SMS)." };
        var command = new Command(Name, "Check everything an OTP needs: API key, sender, settings, database.") { online };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var scope = services.CreateAsyncScope();
            var environment = scope.ServiceProvider.GetRequiredService<IHostEnvironment>().EnvironmentName;
            var result = await scope.ServiceProvider.GetRequiredService<ISender>()
                .Send(new CheckOtpConfigQuery(parse.GetValue(online)), cancellationToken);

            await output.WriteLineAsync($"Pilito OTP configuration ({environment})");
            foreach (var check in result.Checks)
                await output.WriteLineAsync($"{CheckMarks.For(check.Status)} {check.Name}: {check.Detail}");
            var errors = result.Checks.Count(c => c.Status == CheckStatus.Error);
            var warnings = result.Checks.Count(c => c.Status == CheckStatus.Warning);
            await output.WriteLineAsync(errors == 0
                ? $"No problems found ({warnings} warning(s))."
                : $"{errors} problem(s) and {warnings} warning(s): fix the ❌ lines above.");
            return result.HasErrors ? 1 : 0;
        });
        return command;
    }
}
