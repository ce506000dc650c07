using System.Globalization;

namespace Pilito.Web.Configuration;

/// <summary>
/// The optional management port (<c>Management:Urls</c>): /metrics and the detailed readiness answer are served there
/// only, for the monitoring network, while the public port answers readiness with its status alone. A request is on
/// the management port when it arrived on one of its ports: the local port of the connection, which a client cannot
/// choose by header (the Host header can be anything).
/// </summary>
public sealed class ManagementEndpoints
{
    public const string Setting = "Management:Urls";

    private readonly IReadOnlySet<int> _ports;

    private ManagementEndpoints(IReadOnlySet<int> ports) => _ports = ports;

    /// <summary>Whether a management port is set: without one, everything is served on the public port as before.</summary>
    public bool IsConfigured => _ports.Count > 0;

    /// <summary>The listen URLs of the setting (already checked by <see cref="SettingsCheck"/>); none when it is unset.</summary>
    public static IReadOnlyList<string> UrlsOf(IConfiguration configuration) =>
        ListenAddresses.Items(configuration?[Setting]);

    public static ManagementEndpoints From(IConfiguration configuration) =>
        new(UrlsOf(configuration).Select(url => new Uri(url.Replace("*", "localhost", StringComparison.Ordinal)
            .Replace("+", "localhost", StringComparison.Ordinal)).Port).ToHashSet());

    public bool Serves(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _ports.Contains(context.Connection.LocalPort);
    }

    /// <summary>What a monitoring system scrapes or probes: never redirected to HTTPS, and the only paths of the management port.</summary>
    public static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);

    public override string ToString() => string.Join(", ", _ports.Select(p => p.ToString(CultureInfo.InvariantCulture)));
}
