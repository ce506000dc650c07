using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Pilito.Web.Tests.Support;

/// <summary>
/// The real Pilito web app on its own database (a SQLite file, or a database on the run's PostgreSQL cluster), sending
/// SMS to a Kavenegar stand-in.
/// </summary>
public sealed class PilitoApp : WebApplicationFactory<Program>
{
    /// <summary>For HS256 tests (<c>Auth:SigningAlgorithm=HS256</c>); the default, ES256, needs no secret.</summary>
    public const string SigningKey = "integration-tests-signing-key-0123456789";
    public const string HashKey = "integration-tests-hash-key";

    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsDatabase;

    /// <param name="kavenegar">Where Kavenegar is; null for the Log SMS sender.</param>
    /// <param name="settings">Overrides, e.g. ["Otp:RevealCodes"] = "false"; a null value removes a default.</param>
    /// <param name="databasePath">
    /// Share another app's database (two instances, one database): its <see cref="DatabasePath"/>, with its <paramref name="provider"/>.
    /// </param>
    /// <param name="provider">SQLite (the default), or PostgreSQL on <see cref="PostgreSqlCluster.Shared"/>.</param>
    public PilitoApp(Uri? kavenegar, IDictionary<string, string?>? settings = null, string? databasePath = null, FakeTimeProvider? clock = null,
        TestProvider provider = TestProvider.Sqlite)
    {
        _ownsDatabase = databasePath is null;
        Provider = provider;
        DatabasePath = databasePath ?? (provider == TestProvider.PostgreSql
            ? PostgreSqlCluster.NewDatabaseName()
            : Path.Combine(Path.GetTempPath(), $"pilito-test-{Guid.NewGuid():N}.db"));
        ConnectionString = provider == TestProvider.PostgreSql
            ? PostgreSqlCluster.Shared.ConnectionString(DatabasePath) // starts the run's cluster on first use
            : $"Data Source={DatabasePath}";
        Clock = clock;
        _settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider == TestProvider.PostgreSql ? "PostgreSQL" : "Sqlite",
            ["ConnectionStrings:Pilito"] = ConnectionString,
            ["Database:MigrateOnStartup"] = "true",
            ["Otp:HashKey"] = HashKey,
            ["Otp:RevealCodes"] = "true",
            ["Sms:Provider"] = kavenegar is null ? "Log" : "Kavenegar",
            ["Kavenegar:ApiKey"] = KavenegarStandIn.ValidKey,
            ["Kavenegar:BaseUrl"] = kavenegar?.ToString() ?? "http://127.0.0.1:9/",
            ["Kavenegar:Timeout"] = "00:00:02",
            // The in-process client has no address, so every request of a shared app counts for one "unknown"
            // network; the tests of the per-network limits set their own.
            ["Otp:MaxSendsPerIpPerHour"] = "1000000",
            ["Otp:MaxVerifyFailuresPerIpPerHour"] = "1000000",
            ["Auth:MaxRefreshFailuresPerIpPerHour"] = "1000000",
            ["Admin:MaxFailedSignInsPerAddressPerHour"] = "1000000",
            // Off: a background job asking the stand-in about deliveries every 30 s would add to the calls tests
            // count; the delivery-tracking tests turn it on.
            ["Otp:TrackDelivery"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            _settings[key] = value;
    }

    public TestProvider Provider { get; }

    /// <summary>The SQLite file, or on PostgreSQL the database's name on the run's cluster.</summary>
    public string DatabasePath { get; }

    public string ConnectionString { get; }

    public FakeTimeProvider? Clock { get; }

    public string Environment { get; init; } = "Testing";

    /// <summary>Replaces services after the app has registered its own (e.g. another implementation of a port).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>Every log line the app writes, at every level.</summary>
    public LogCollector Logs { get; } = new();

    /// <summary>Serves the app with Kestrel on 127.0.0.1 (a real socket: a real client address); returns its base address.</summary>
    public Uri StartOnLoopback()
    {
        UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        return new Uri(Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First());
    }

    // UseSetting, not ConfigureAppConfiguration: Program reads these while registering services.
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        if (Clock is not null)
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        if (TestServices is not null)
            builder.ConfigureTestServices(TestServices);
    }

    /// <summary>
    /// With a fake clock, the clock moves on as real time does while the app stops: the HTTP resilience pipelines
    /// wait, on the app's clock, for calls still in flight to end before they are disposed, and a clock that stood
    /// still would hold that wait for ever.
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        if (Clock is null)
        {
            await base.DisposeAsync();
            return;
        }

        using var stopped = new CancellationTokenSource();
        var ticking = KeepTimeAsync(Clock, stopped.Token);
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            await stopped.CancelAsync();
            await ticking;
        }
    }

    private static async Task KeepTimeAsync(FakeTimeProvider clock, CancellationToken stopped)
    {
        var tick = TimeSpan.FromMilliseconds(20);
        while (!stopped.IsCancellationRequested)
        {
            clock.Advance(tick);
            try
            {
                await Task.Delay(tick, stopped); // real time passing, mirrored on the fake clock
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing)
            return;
        if (Provider == TestProvider.PostgreSql)
        {
            // Idle pooled connections would stay open for minutes, one pool per database: the cluster's
            // max_connections is shared by the whole run. The database itself goes with the cluster.
            using var connection = new NpgsqlConnection(ConnectionString);
            NpgsqlConnection.ClearPool(connection);
            return;
        }

        if (!_ownsDatabase)
            return;
        SqliteConnection.ClearAllPools(); // let go of the file, then delete it
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            File.Delete(DatabasePath + suffix);
    }
}
