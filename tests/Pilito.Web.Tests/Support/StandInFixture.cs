namespace Pilito.Web.Tests.Support;

/// <summary>
/// A fixture of tests that share one app: one Kavenegar stand-in, one app sending to it and one client, started once
/// for the fixture; each test uses its own phone. Tests that need settings of their own make their own app inside
/// the test (<c>await using var app = NewApp(…)</c>), sending to the same stand-in. A fixture run on several databases
/// takes the provider through its constructor (<c>[TestFixtureSource(typeof(TestProviders), nameof(TestProviders.Both))]</c>).
/// </summary>
public abstract class StandInFixture(TestProvider provider = TestProvider.Sqlite)
{
    /// <summary>The database this fixture's apps run on.</summary>
    protected TestProvider Provider { get; } = provider;

    protected KavenegarStandIn Kavenegar { get; private set; } = null!;

    protected PilitoApp App { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartStandInAndAppAsync()
    {
        Kavenegar = await KavenegarStandIn.StartAsync();
        await StartOtherStandInsAsync();
        App = CreateApp(Kavenegar);
        Client = CreateClient(App);
    }

    [OneTimeTearDown]
    public async Task StopStandInAndAppAsync()
    {
        // A start that failed part-way leaves the later properties unset: stop what did start.
        Client?.Dispose();
        if (App is not null)
            await App.DisposeAsync();
        if (Kavenegar is not null)
            await Kavenegar.DisposeAsync();
        await StopOtherStandInsAsync();
    }

    /// <summary>Starts the stand-ins of other providers, before the fixture's app is made.</summary>
    protected virtual Task StartOtherStandInsAsync() => Task.CompletedTask;

    /// <summary>Stops what <see cref="StartOtherStandInsAsync"/> started (whatever of it did start).</summary>
    protected virtual ValueTask StopOtherStandInsAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// The app under test; override for other settings, a fake clock, to prepare the stand-in, or for the Log sender
    /// (<c>new(kavenegar: null)</c>) where SMS are beside the point.
    /// </summary>
    protected virtual PilitoApp CreateApp(KavenegarStandIn kavenegar) => NewApp(kavenegar.BaseUrl);

    /// <summary>An app on this fixture's provider, with its own database unless <paramref name="databasePath"/> names another app's.</summary>
    protected PilitoApp NewApp(Uri? kavenegar, IDictionary<string, string?>? settings = null, string? databasePath = null,
        Microsoft.Extensions.Time.Testing.FakeTimeProvider? clock = null) =>
        new(kavenegar, settings, databasePath, clock, Provider);

    /// <summary>The fixture's client; override for other client options or a real socket (<see cref="PilitoApp.StartOnLoopback"/>).</summary>
    protected virtual HttpClient CreateClient(PilitoApp app) => app.CreateClient();
}
