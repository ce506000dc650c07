using System.CommandLine;
using FluentValidation;
using Mediator;
using Pilito.Application.Otp.PurgeOtpTokens;

namespace Pilito.Web.Commands;

/// <summary>`purge-otp [--older-than 30.00:00:00]`: deletes old tokens now, as the background service does hourly.</summary>
public static class PurgeOtpCommand
{
    public const string Name = "purge-otp";

    public static Command Create(IServiceProvider services, TextWriter output)
    {
        var olderThan = new Option<TimeSpan?>("--older-than") { Description = "Age past which tokens are deleted (default: Otp:Retention)." };
        var command = new Command(Name, "Delete OTP tokens past retention, in batches.") { olderThan };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var scope = services.CreateAsyncScope();
            try
            {
                var result = await scope.ServiceProvider.GetRequiredService<ISender>()
                    .Send(new PurgeOtpTokensCommand(parse.GetValue(olderThan)), cancellationToken);
                await output.WriteLineAsync($"Deleted {result.Deleted} OTP token(s) created before {result.Cutoff:u}.");
                return 0;
            }
            catch (ValidationException refused)
            {
                return await ValidationFailures.WriteAsync(output, refused);
            }
        });
        return command;
    }
}
