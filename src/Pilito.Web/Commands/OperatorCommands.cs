using System.CommandLine;

namespace Pilito.Web.Commands;

/// <summary>
/// Commands on the server's own entry point (`Pilito.Web migrate`, `check-otp-config`, `test-sms`, `test-kavenegar`, `purge-otp`,
/// `create-admin`, `reset-two-factor`), run against the same configuration and services as the server. The command line belongs to the
/// command (a password passed to create-admin never becomes configuration); settings come from appsettings, .env
/// and environment variables.
/// </summary>
public static class OperatorCommands
{
    // Program asks IsCommand before the host (and so any service) exists; the names therefore sit beside the factories.
    private static readonly (string Name, Func<IServiceProvider, TextWriter, Command> Create)[] All =
    [
        (MigrateCommand.Name, MigrateCommand.Create),
        (CheckOtpConfigCommand.Name, CheckOtpConfigCommand.Create),
        (SendTestSmsCommand.Name, SendTestSmsCommand.Create),
        (SendTestSmsCommand.KavenegarName, SendTestSmsCommand.CreateForKavenegar),
        (PurgeOtpCommand.Name, PurgeOtpCommand.Create),
        (CreateAdminCommand.Name, CreateAdminCommand.Create),
        (ResetTwoFactorCommand.Name, ResetTwoFactorCommand.Create),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(command => command.Name)];

    public static bool IsCommand(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Length > 0 && Names.Contains(args[0], StringComparer.OrdinalIgnoreCase);
    }

    /// <returns>The process exit code: 0 when the command succeeded.</returns>
    public static Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var root = new RootCommand("Pilito operator commands");
        foreach (var command in All)
            root.Subcommands.Add(command.Create(services, output));
        // Exceptions reach Program, as the server's do: a wrong setting becomes one "Pilito cannot start: …" line
        // instead of the library's "Unhandled exception" and a stack trace.
        var invocation = new InvocationConfiguration { Output = output, Error = output, EnableDefaultExceptionHandler = false };
        return root.Parse(args).InvokeAsync(invocation, cancellationToken);
    }
}
