using System.Globalization;
using System.Net;
using System.Net.Mail;
using System.Text.RegularExpressions;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;
using Pilito.Web.Admin;

namespace Pilito.Web.Configuration;

/// <summary>
/// The settings read straight from configuration rather than through an options class: checked before anything uses
/// them, so a wrong one stops the start with a line naming it instead of failing later (first request, Kestrel's bind).
/// </summary>
internal static partial class SettingsCheck
{
    public static void Check(IConfiguration configuration, IHostEnvironment environment)
    {
        CheckUrls(configuration);
        CheckManagementUrls(configuration);
        CheckPort(configuration, "https_port");
        CheckAddresses(configuration, "ForwardedHeaders:KnownProxies", s => IPAddress.TryParse(s, out _), "an IP address");
        CheckAddresses(configuration, "ForwardedHeaders:KnownNetworks", s => System.Net.IPNetwork.TryParse(s, out _), "a network in CIDR form (10.0.0.0/8)");
        CheckLogFile(configuration);
        CheckConnectionString(configuration);
        if (environment.IsDevelopment())
            CheckSeed(configuration);
    }

    // The seed is all or nothing: half of it used to be skipped without a word.
    private static void CheckSeed(IConfiguration configuration)
    {
        var email = configuration[StaffSeeding.EmailSetting];
        var password = configuration[StaffSeeding.PasswordSetting];
        if (!string.IsNullOrEmpty(email) && !MailAddress.TryCreate(email, out _))
            throw new InvalidSettingException($"{StaffSeeding.EmailSetting} must be an email address.");
        if (!string.IsNullOrEmpty(email) && string.IsNullOrWhiteSpace(password))
            throw new InvalidSettingException($"{StaffSeeding.PasswordSetting} must be set with {StaffSeeding.EmailSetting}.");
        if (!string.IsNullOrEmpty(password) && string.IsNullOrWhiteSpace(email))
            throw new InvalidSettingException($"{StaffSeeding.PasswordSetting} is set but {StaffSeeding.EmailSetting} is not.");
    }

    private static void CheckUrls(IConfiguration configuration)
    {
        if (configuration["urls"] is { Length: > 0 } urls)
        {
            foreach (var url in ListenAddresses.Items(urls))
            {
                if (!ListenUrl().IsMatch(url) || !PortOk(ListenUrl().Match(url).Groups["port"].Value, lowest: 0))
                    throw new InvalidSettingException($"Urls has '{url}', not an address to listen on (e.g. http://localhost:8000).");
            }
        }

        foreach (var setting in new[] { "http_ports", "https_ports" })
        {
            foreach (var port in ListenAddresses.Items(configuration[setting]))
            {
                if (!PortOk(port, lowest: 0))
                    throw new InvalidSettingException($"{setting} has '{port}', not a port (0-65535).");
            }
        }
    }

    // Explicit ports: the public and management ports are told apart by port, so each needs one of its own.
    private static void CheckManagementUrls(IConfiguration configuration)
    {
        foreach (var url in ManagementEndpoints.UrlsOf(configuration))
        {
            var match = ListenUrl().Match(url);
            if (!match.Success || match.Groups["port"].Value is not { Length: > 0 } port || !PortOk(port, lowest: 1))
                throw new InvalidSettingException($"{ManagementEndpoints.Setting} has '{url}', not an address with a port to listen on (e.g. http://127.0.0.1:9100).");
            if (PublicPorts(configuration).Contains(port))
                throw new InvalidSettingException($"{ManagementEndpoints.Setting} has port {port}, which the public address uses too; give it a port of its own.");
        }
    }

    private static HashSet<string> PublicPorts(IConfiguration configuration) =>
    [
        .. ListenAddresses.Items(configuration["urls"]).Select(url => ListenUrl().Match(url).Groups["port"].Value),
        .. ListenAddresses.Items(configuration["http_ports"]),
        .. ListenAddresses.Items(configuration["https_ports"]),
    ];

    private static void CheckPort(IConfiguration configuration, string setting)
    {
        if (configuration[setting] is { Length: > 0 } port && !PortOk(port, lowest: 1))
            throw new InvalidSettingException($"{setting} must be a port (1-65535), not '{port}'.");
    }

    // 0 asks the system for a free port: fine to listen on, useless to redirect to.
    private static bool PortOk(string port, int lowest) => port.Length == 0 ||
        (int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= lowest && n <= 65535);

    private static void CheckAddresses(IConfiguration configuration, string section, Func<string, bool> valid, string what)
    {
        foreach (var item in configuration.GetSection(section).GetChildren())
        {
            if (item.Value is not { } value || !valid(value))
                throw new InvalidSettingException($"{item.Path} must be {what}, not '{item.Value}'.");
        }
    }

    private static void CheckLogFile(IConfiguration configuration)
    {
        if (configuration[Observability.LogFileSetting] is not { Length: > 0 } path)
            return;
        try
        {
            if (Directory.Exists(Path.GetFullPath(path)))
                throw new InvalidSettingException($"{Observability.LogFileSetting} is a directory; give a file in it (e.g. logs/pilito.log).");
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new InvalidSettingException($"{Observability.LogFileSetting} is not a usable file path.", e);
        }
    }

    private static void CheckConnectionString(IConfiguration configuration)
    {
        var provider = configuration["Database:Provider"];
        var postgreSql = string.Equals(provider, "PostgreSQL", StringComparison.OrdinalIgnoreCase);
        var sqlServer = string.Equals(provider, "SqlServer", StringComparison.OrdinalIgnoreCase);
        if (configuration.GetConnectionString("Pilito") is not { Length: > 0 } connectionString)
        {
            // SQLite has a default file; a server has no default address.
            if (postgreSql || sqlServer)
                throw new InvalidSettingException($"ConnectionStrings:Pilito must be set when Database:Provider is {provider}.");
            return;
        }

        try
        {
            // The builder of the chosen provider refuses unknown keywords and malformed text, as the provider would later.
            if (postgreSql)
                CheckPostgreSql(new NpgsqlConnectionStringBuilder(connectionString));
            else if (sqlServer)
                _ = new SqlConnectionStringBuilder(connectionString);
            else
                _ = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            // Not the text itself: it may hold a password.
            throw new InvalidSettingException("ConnectionStrings:Pilito is not a valid connection string for Database:Provider.", e);
        }
    }

    // Npgsql accepts a string without a host or database and fails only when it connects (or, without a database,
    // connects to one named after the user): say so at the start.
    private static void CheckPostgreSql(NpgsqlConnectionStringBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Host))
            throw new InvalidSettingException("ConnectionStrings:Pilito has no Host for Database:Provider PostgreSQL (Host=…;Port=…;Database=…;Username=…;Password=…).");
        if (string.IsNullOrWhiteSpace(builder.Database))
            throw new InvalidSettingException("ConnectionStrings:Pilito has no Database for Database:Provider PostgreSQL (Host=…;Port=…;Database=…;Username=…;Password=…).");
    }

    [GeneratedRegex(@"^https?://(\[[0-9A-Fa-f:.]+\]|[^\s:/\[\]]+)(:(?<port>\d{1,5}))?/?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ListenUrl();
}
