using System.CommandLine;
using FluentValidation;
using Mediator;
using Pilito.Application.Admin.ResetStaffTwoFactor;

namespace Pilito.Web.Commands;

/// <summary>
/// `reset-two-factor --email …`: a staff member lost the phone with their authenticator (and their recovery codes).
/// Turns their two-factor sign-in off and ends their sessions; an Admin is then made to enrol again at the next
/// sign-in. An operator command rather than an admin page: whoever can run it already holds the server.
/// </summary>
public static class ResetTwoFactorCommand
{
    public const string Name = "reset-two-factor";

    public static Command Create(IServiceProvider services, TextWriter output)
    {
        var email = new Option<string>("--email") { Description = "The staff member's email.", Required = true };
        var command = new Command(Name, "Turn a staff member's two-factor sign-in off (lost phone) and end their sessions.") { email };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var address = parse.GetValue(email);
            await using var scope = services.CreateAsyncScope();
            ResetStaffTwoFactorOutcome outcome;
            try
            {
                outcome = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ResetStaffTwoFactorCommand(address), cancellationToken);
            }
            catch (ValidationException refused)
            {
                return await ValidationFailures.WriteAsync(output, refused);
            }

            if (outcome == ResetStaffTwoFactorOutcome.NotFound)
            {
                await output.WriteLineAsync($"❌ No staff account {address}.");
                return 1;
            }

            await output.WriteLineAsync($"Two-factor sign-in of {address} is off and their sessions have ended; they enrol again at /admin/account/two-factor/ (Admins are sent there at their next sign-in).");
            return 0;
        });
        return command;
    }
}
