namespace Pilito.Web.Commands;

/// <summary>Commands on the server's own entry point: `Pilito.Web migrate`, and later the operator tools.</summary>
public static class OperatorCommands
{
    private static readonly Dictionary<string, Func<IServiceProvider, string[], Task<int>>> Commands = new(StringComparer.OrdinalIgnoreCase)
    {
        ["migrate"] = MigrateCommand.RunAsync,
        ["create-admin"] = CreateAdminCommand.RunAsync,
    };

    /// <summary>Splits "command [args…]" off the front; host settings (--Key value) stay for the host.</summary>
    public static (string? Name, string[] HostArgs, string[] CommandArgs) Split(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || !Commands.ContainsKey(args[0]))
            return (null, args, []);
        return (args[0], args[1..], args[1..]);
    }

    public static Task<int> RunAsync(string name, IServiceProvider services, string[] args) => Commands[name](services, args);
}
