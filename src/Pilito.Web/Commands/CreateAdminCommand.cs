using System.CommandLine;
using FluentValidation;
using Mediator;
using Pilito.Application.Admin.CreateStaffAccount;

namespace Pilito.Web.Commands;

/// <summary>`create-admin --email … --password … [--role Admin|Staff]`: a staff account for the admin pages (like Django's createsuperuser).</summary>
public static class CreateAdminCommand
{
    public const string Name = "create-admin";

    public static Command Create(IServiceProvider services, TextWriter output)
    {
        var email = new Option<string>("--email") { Description = "The staff member's email, used to sign in.", Required = true };
        var password = new Option<string>("--password") { Description = "The password (Identity's rules apply).", Required = true };
        var role = new Option<string>("--role") { Description = "Admin or Staff.", DefaultValueFactory = _ => StaffRoles.Admin };
        var command = new Command(Name, "Create a staff account for the admin pages.") { email, password, role };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var scope = services.CreateAsyncScope();
            var address = parse.GetValue(email);
            CreateStaffAccountResult result;
            try
            {
                result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(
                    new CreateStaffAccountCommand(address, parse.GetValue(password), parse.GetValue(role) ?? StaffRoles.Admin), cancellationToken);
            }
            catch (ValidationException refused)
            {
                return await ValidationFailures.WriteAsync(output, refused);
            }

            switch (result.Outcome)
            {
                case CreateStaffAccountOutcome.Created:
                    await output.WriteLineAsync($"Staff account {address} created; sign in at /admin/login.");
                    return 0;
                case CreateStaffAccountOutcome.AlreadyExists:
                    await output.WriteLineAsync($"❌ An account {address} already exists.");
                    return 1;
                default:
                    foreach (var error in result.Errors)
                        await output.WriteLineAsync($"❌ {error}");
                    return 1;
            }
        });
        return command;
    }
}
