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

    /// <summary>What the server prints for --help: how to run it, and the settings an operator sets first.</summary>
    private const string Description = """
        Pilito: sign-in with an Iranian mobile number and a one-time code.

        Without a command it serves the API and the admin (URLS or --urls; default http://localhost:8000 in Development).
        The main settings (environment variables; docs/ and the README have them all):
          ASPNETCORE_ENVIRONMENT            Production on servers; Development runs with none of the below
          ConnectionStrings__Pilito         the database (Database__Provider: Sqlite, PostgreSQL or SqlServer)
          Otp__HashKey                      the secret codes are stored under, required outside Development
          KAVENEGAR_API_KEY                 Kavenegar's key (KAVENEGAR_SENDER its line, or Kavenegar__Template)
          Sms__Providers__0, __1            providers in failover order; SMSIR_API_KEY and SmsIr__TemplateId for sms.ir
          ForwardedHeaders__KnownProxies__0 the reverse proxy's address
        """;

    /// <summary>A command, or a request for help (--help, -h, -?), which must not start the server.</summary>
    public static bool IsCommand(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Length > 0 && (Names.Contains(args[0], StringComparer.OrdinalIgnoreCase) || IsHelp(args));
    }

    /// <summary>--help, -h or -?: answered without building the host, so even a wrong setting cannot stop it.</summary>
    public static bool IsHelp(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args is ["--help" or "-h" or "-?" or "/?" or "/h", ..];
    }

    /// <summary>Prints the commands and the main settings; needs no service (help runs no command).</summary>
    public static Task<int> HelpAsync(string[] args, TextWriter output) => RunAsync(new NoServices(), args, output, CancellationToken.None);

    /// <returns>The process exit code: 0 when the command succeeded.</returns>
    public static Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var root = new RootCommand(Description);
        foreach (var command in All)
            root.Subcommands.Add(command.Create(services, output));
        // Exceptions reach Program, as the server's do: a wrong setting becomes one "Pilito cannot start: …" line
        // instead of the library's "Unhandled exception" and a stack trace.
        var invocation = new InvocationConfiguration { Output = output, Error = output, EnableDefaultExceptionHandler = false };
        return root.Parse(args).InvokeAsync(invocation, cancellationToken);
    }

    private sealed class NoServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
