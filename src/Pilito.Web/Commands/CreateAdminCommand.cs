using FluentValidation;
using Mediator;
using Pilito.Application.Admin.CreateStaffAccount;

namespace Pilito.Web.Commands;

/// <summary>`create-admin --email … --password … [--role Admin|Staff]`: a staff account for the admin pages.</summary>
public static class CreateAdminCommand
{
    public const string Usage = "Usage: create-admin --email <email> --password <password> [--role Admin|Staff]";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = ReadOptions(args);
        if (options is null)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        options.TryGetValue("role", out var role);
        CreateStaffAccountResult result;
        try
        {
            result = await sender.Send(new CreateStaffAccountCommand(
                options.GetValueOrDefault("email"), options.GetValueOrDefault("password"), role ?? StaffRoles.Admin));
        }
        catch (ValidationException e)
        {
            await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, e.Errors.Select(f => $"{f.PropertyName}: {f.ErrorMessage}")));
            return 2;
        }

        switch (result.Outcome)
        {
            case CreateStaffAccountOutcome.Created:
                await Console.Out.WriteLineAsync($"Staff account {options["email"]} created; sign in at /admin/login.");
                return 0;
            case CreateStaffAccountOutcome.AlreadyExists:
                await Console.Error.WriteLineAsync($"An account {options["email"]} already exists.");
                return 1;
            default:
                await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, result.Errors));
                return 1;
        }
    }

    /// <summary>--name value pairs; null when an argument is not of that shape.</summary>
    private static Dictionary<string, string>? ReadOptions(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                return null;
            options[args[i][2..]] = args[i + 1];
        }

        return options;
    }
}
