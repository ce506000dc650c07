using System.CommandLine;
using System.Text;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using Pilito.Application.Admin.CreateStaffAccount;
using Pilito.Application.Admin.TwoFactor;
using Pilito.Application.Common.Options;

namespace Pilito.Web.Commands;

/// <summary>
/// `create-admin --email … [--role Admin|Staff]`: a staff account for the admin pages (like Django's createsuperuser).
/// The password comes from PILITO_ADMIN_PASSWORD or standard input, never the command line: arguments show in
/// `ps` and in the shell's history.
/// </summary>
public static class CreateAdminCommand
{
    public const string Name = "create-admin";
    public const string PasswordVariable = "PILITO_ADMIN_PASSWORD";

    public static Command Create(IServiceProvider services, TextWriter output)
    {
        var email = new Option<string>("--email") { Description = "The staff member's email, used to sign in.", Required = true };
        var role = new Option<string>("--role") { Description = "Admin or Staff.", DefaultValueFactory = _ => StaffRoles.Admin };
        var onCommandLine = new Option<string?>("--password") { Hidden = true };
        var command = new Command(Name, $"Create a staff account for the admin pages; the password from {PasswordVariable} or standard input.")
        {
            email, role, onCommandLine,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(onCommandLine) is not null)
            {
                await output.WriteLineAsync($"❌ --password is not accepted: the command line shows in ps and in the shell's history. Set {PasswordVariable} or pipe the password on standard input.");
                return 2;
            }

            var password = Environment.GetEnvironmentVariable(PasswordVariable) ?? await ReadPasswordAsync(output);
            if (string.IsNullOrEmpty(password))
            {
                await output.WriteLineAsync($"❌ No password: set {PasswordVariable} or pipe it on standard input.");
                return 1;
            }

            return await CreateAsync(services, output, parse.GetValue(email), password, parse.GetValue(role) ?? StaffRoles.Admin, cancellationToken);
        });
        return command;
    }

    private static async Task<int> CreateAsync(IServiceProvider services, TextWriter output, string? address, string password, string role, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        CreateStaffAccountResult result;
        try
        {
            result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CreateStaffAccountCommand(address, password, role), cancellationToken);
        }
        catch (ValidationException refused)
        {
            return await ValidationFailures.WriteAsync(output, refused);
        }

        switch (result.Outcome)
        {
            case CreateStaffAccountOutcome.Created:
                await output.WriteLineAsync($"Staff account {address} created; sign in at /admin/login.");
                if (StaffTwoFactorRule.IsRequired([role], scope.ServiceProvider.GetRequiredService<IOptions<StaffTwoFactorOptions>>().Value))
                    await output.WriteLineAsync("Two-factor sign-in is required for this role: at the first sign-in, enrol an authenticator app (the admin pages open on its page until then).");
                return 0;
            case CreateStaffAccountOutcome.AlreadyExists:
                await output.WriteLineAsync($"❌ An account {address} already exists.");
                return 1;
            default:
                foreach (var error in result.Errors)
                    await output.WriteLineAsync($"❌ {error}");
                return 1;
        }
    }

    /// <summary>The first line of standard input; typed at a terminal, without echo.</summary>
    private static async Task<string?> ReadPasswordAsync(TextWriter output)
    {
        if (Console.IsInputRedirected)
            return await Console.In.ReadLineAsync();

        await output.WriteAsync("Password: ");
        var typed = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                if (typed.Length > 0)
                    typed.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }

        await output.WriteLineAsync();
        return typed.ToString();
    }
}
