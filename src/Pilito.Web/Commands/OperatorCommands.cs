using System.CommandLine;

namespace Pilito.Web.Commands;

/// <summary>
/// Commands on the server's own entry point (`Pilito.Web migrate`, `check-otp-config`, `test-kavenegar`, `purge-otp`,
/// `create-admin`), run against the same configuration and services as the server. The command line belongs to the
/// command (a password passed to create-admin never becomes configuration); settings come from appsettings, .env
/// and environment variables.
/// </summary>
public static class OperatorCommands
{
    private static readonly string[] Names = ["migrate", "check-otp-config", "test-kavenegar", "purge-otp", "create-admin"];

    public static bool IsCommand(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Length > 0 && Names.Contains(args[0], StringComparer.OrdinalIgnoreCase);
    }

    /// <returns>The process exit code: 0 when the command succeeded.</returns>
    public static Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var root = new RootCommand("Pilito operator commands")
        {
            MigrateCommand.Create(services, output),
            CheckOtpConfigCommand.Create(services, output),
            TestKavenegarCommand.Create(services, output),
            PurgeOtpCommand.Create(services, output),
            CreateAdminCommand.Create(services, output),
        };
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = output }, cancellationToken);
    }
}
