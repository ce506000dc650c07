namespace Pilito.Web.Tests.Support;

/// <summary>
/// A fixture of tests that share one Kavenegar stand-in and one app sending to it; each test uses its own phone.
/// </summary>
public abstract class StandInFixture
{
    protected KavenegarStandIn Kavenegar { get; private set; } = null!;

    protected PilitoApp App { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartStandInAndAppAsync()
    {
        Kavenegar = await KavenegarStandIn.StartAsync();
        App = CreateApp(Kavenegar);
        Client = App.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopStandInAndAppAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        await Kavenegar.DisposeAsync();
    }

    /// <summary>The app under test; override for other settings, a fake clock, or to prepare the stand-in.</summary>
    protected virtual PilitoApp CreateApp(KavenegarStandIn kavenegar) => new(kavenegar.BaseUrl);
}
