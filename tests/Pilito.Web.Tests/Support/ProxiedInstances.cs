using System.Text.RegularExpressions;

namespace Pilito.Web.Tests.Support;

/// <summary>
/// The production shape that <c>deploy/</c> describes, with real parts on 127.0.0.1: Debian's nginx running
/// <c>deploy/nginx/pilito.conf</c> terminates TLS in front of two Pilito processes in Production, configured by
/// <c>deploy/pilito.env.example</c>, on one PostgreSQL database. Tests send every request through
/// <c>https://127.0.0.1:port</c>; codes arrive as SMS at the Kavenegar stand-in, as in production (none is revealed).
/// </summary>
[Category(TestSpeed.Process)]
public abstract partial class ProxiedInstances
{
    private readonly List<PilitoServer> _instances = [];
    private readonly List<Uri> _managementAddresses = [];
    private string? _folder;

    protected IReadOnlyList<PilitoServer> Instances => _instances;

    /// <summary>Each instance's management address (Management__Urls), in the order of <see cref="Instances"/>.</summary>
    protected IReadOnlyList<Uri> ManagementAddresses => _managementAddresses;

    protected string Database { get; private set; } = null!;

    protected KavenegarStandIn Kavenegar { get; private set; } = null!;

    protected NginxProxy Proxy { get; private set; } = null!;

    /// <summary>A client of the proxy's https address.</summary>
    protected HttpClient Client { get; private set; } = null!;

    /// <summary>The certificate that encrypts the key ring, made where the env file expects an operator's.</summary>
    private string KeyRingCertificate { get; set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _folder = Directory.CreateTempSubdirectory("pilito-proxied-").FullName;
        KeyRingCertificate = TestCertificates.RsaPem(Path.Combine(_folder, "key-ring.pem"));
        Database = PostgreSqlCluster.NewDatabaseName();
        Kavenegar = await KavenegarStandIn.StartAsync();
        var migrated = await PilitoProcess.RunAsync(Settings(), PilitoServer.Limit, "migrate");
        Assert.That(migrated.ExitCode, Is.Zero, migrated.Output + migrated.Error);
        for (var i = 0; i < 2; i++)
        {
            var settings = Settings();
            _managementAddresses.Add(new Uri(settings["Management__Urls"] + "/"));
            _instances.Add(await PilitoServer.StartAsync(settings));
        }

        Proxy = await NginxProxy.StartAsync([.. _instances.Select(i => i.BaseAddress)]);
        Client = Proxy.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        Client?.Dispose();
        if (Proxy is not null)
            await Proxy.DisposeAsync();
        foreach (var instance in _instances)
            await instance.DisposeAsync();
        if (Kavenegar is not null)
            await Kavenegar.DisposeAsync();
        if (_folder is not null)
            Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The code in the last SMS the stand-in received for <paramref name="phone"/>.</summary>
    protected string CodeSentTo(string phone)
    {
        var sent = Kavenegar.SendsTo(phone);
        Assert.That(sent, Is.Not.Empty, $"an SMS to {phone}");
        var code = SixDigits().Match(sent[^1]["message"] ?? string.Empty);
        Assert.That(code.Success, Is.True, $"a code in \"{sent[^1]["message"]}\"");
        return code.Value;
    }

    protected static string Upstream(PilitoServer instance) => $"127.0.0.1:{instance.BaseAddress.Port}";

    /// <summary>
    /// The operator's environment file, <c>deploy/pilito.env.example</c>, as systemd reads it, with what an operator
    /// fills in: the database, the secrets, the key-ring certificate, Kavenegar's address (the stand-in) and a
    /// management port of its own.
    /// Limits per network and per hour are raised: every request here comes from one address.
    /// </summary>
    protected Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(Path.Combine(PilitoProcess.RepositoryRoot, "deploy", "pilito.env.example")))
        {
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            settings[line[..equals]] = line[(equals + 1)..];
        }

        Assert.That(settings["ASPNETCORE_ENVIRONMENT"], Is.EqualTo("Production"));
        settings["DOTNET_ENVIRONMENT"] = null;
        settings["ConnectionStrings__Pilito"] = PostgreSqlCluster.Shared.ConnectionString(Database);
        settings["Otp__HashKey"] = PilitoApp.HashKey;
        settings["KAVENEGAR_API_KEY"] = KavenegarStandIn.ValidKey;
        settings["Kavenegar__BaseUrl"] = Kavenegar.BaseUrl.ToString();
        settings["DataProtection__CertificatePath"] = KeyRingCertificate;
        settings["Management__Urls"] = $"http://127.0.0.1:{PilitoServer.FreePort()}";
        settings["Otp__MaxSendsPerIpPerHour"] = "100000";
        settings["Otp__MaxSendsPerHour"] = "100000";
        return settings;
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
