using System.Net;
using System.Net.Sockets;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Commands;

/// <summary>`check-otp-config [--online]`, run in-process: a line per check, exit 1 only when one is ❌.</summary>
public sealed class CheckOtpConfigCommandTests : StandInFixture
{
    // Kavenegar issues keys as hexadecimal strings; this one has the shape of a real key.
    private const string Key = "0123456789abcdef0123456789abcdef";
    private const string MaskedKey = "0123****cdef";

    protected override PilitoApp CreateApp(KavenegarStandIn kavenegar)
    {
        kavenegar.AddAccount(Key, credit: 1_000_000);
        return new PilitoApp(kavenegar.BaseUrl, new Dictionary<string, string?> { ["Kavenegar:ApiKey"] = Key });
    }

    [Test]
    public async Task Good_configuration_exits_zero_and_shows_the_key_masked()
    {
        var result = await OperatorCommand.RunAsync(App, "check-otp-config");

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(result.Line("✅ API key:"), Is.EqualTo($"✅ API key: set ({MaskedKey})"));
        Assert.That(result.Line("✅ API key shape:"), Does.Contain("32 hexadecimal characters"));
        Assert.That(result.Line("✅ Database:"), Does.Contain("schema up to date"));
        Assert.That(result.Lines, Has.None.StartsWith("❌"));
    }

    [Test]
    public async Task Full_key_is_never_printed()
    {
        var result = await OperatorCommand.RunAsync(App, "check-otp-config", "--online");

        Assert.That(result.Output, Does.Contain(MaskedKey));
        Assert.That(result.Output, Does.Not.Contain(Key));
    }

    [Test]
    public async Task Offline_check_does_not_call_Kavenegar()
    {
        var before = Kavenegar.Calls.Count;

        await OperatorCommand.RunAsync(App, "check-otp-config");

        Assert.That(Kavenegar.Calls, Has.Count.EqualTo(before));
    }

    [Test]
    public async Task Online_check_of_a_good_configuration_reports_reachable_key_accepted_and_credit()
    {
        var result = await OperatorCommand.RunAsync(App, "check-otp-config", "--online");

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(result.Line("✅ Kavenegar reachable:"), Is.EqualTo("✅ Kavenegar reachable: account/info answered"));
        Assert.That(result.Line("✅ API key accepted:"), Is.EqualTo("✅ API key accepted: Approved (200)"));
        Assert.That(result.Line("✅ Credit:"), Is.EqualTo("✅ Credit: 1,000,000 Rial left, account valid until 2030-01-01"));
        Assert.That(Kavenegar.CallsWith(Key, "account/info"), Is.Not.Empty);
        Assert.That(Kavenegar.Calls.Where(c => c.Method is "sms/send" or "verify/lookup"), Is.Empty, "a check sends nothing");
    }

    [Test]
    public async Task Missing_key_exits_one_and_names_KAVENEGAR_API_KEY()
    {
        await using var app = new PilitoApp(Kavenegar.BaseUrl, new Dictionary<string, string?> { ["Kavenegar:ApiKey"] = null });

        var result = await OperatorCommand.RunAsync(app, "check-otp-config");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.Output);
        Assert.That(result.Line("❌ API key:"), Does.Contain("KAVENEGAR_API_KEY"));
    }

    [Test]
    public async Task Wrong_key_online_is_Invalid_API_key_403()
    {
        await using var app = new PilitoApp(Kavenegar.BaseUrl, new Dictionary<string, string?> { ["Kavenegar:ApiKey"] = "fedcba9876543210fedcba9876543210" });

        var result = await OperatorCommand.RunAsync(app, "check-otp-config", "--online");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.Output);
        Assert.That(result.Line("✅ Kavenegar reachable:"), Is.EqualTo("✅ Kavenegar reachable: account/info answered"));
        Assert.That(result.Line("❌ API key accepted:"), Does.StartWith("❌ API key accepted: Invalid API key (403)"));
    }

    [Test]
    public async Task Account_without_credit_is_an_error()
    {
        const string broke = "00000000000000000000000000000418";
        Kavenegar.AddAccount(broke, credit: 0);
        await using var app = new PilitoApp(Kavenegar.BaseUrl, new Dictionary<string, string?> { ["Kavenegar:ApiKey"] = broke });

        var result = await OperatorCommand.RunAsync(app, "check-otp-config", "--online");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.Output);
        Assert.That(result.Line("❌ Credit:"), Does.Contain("Insufficient credit (418)"));
    }

    [Test]
    public async Task Credit_below_the_configured_threshold_warns_and_exits_zero()
    {
        const string low = "11111111111111111111111111111111";
        Kavenegar.AddAccount(low, credit: 150_000); // above the default threshold, below the configured one
        await using var app = new PilitoApp(Kavenegar.BaseUrl, new Dictionary<string, string?>
        {
            ["Kavenegar:ApiKey"] = low,
            ["Kavenegar:LowCreditThreshold"] = "200000",
        });

        var result = await OperatorCommand.RunAsync(app, "check-otp-config", "--online");

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(result.Line("⚠️ Credit:"),
            Is.EqualTo("⚠️ Credit: 150,000 Rial left, below Kavenegar:LowCreditThreshold (200,000), account valid until 2030-01-01"));
    }

    [TestCase(" 0123456789abcdef0123456789abcdef ")]
    [TestCase("\"0123456789abcdef0123456789abcdef\"")]
    [TestCase(" ' 0123456789abcdef0123456789abcdef' ")]
    public async Task Key_with_spaces_or_quotes_around_it_warns_about_its_shape(string typed)
    {
        await using var app = new PilitoApp(Kavenegar.BaseUrl, new Dictionary<string, string?> { ["Kavenegar:ApiKey"] = typed });

        var result = await OperatorCommand.RunAsync(app, "check-otp-config", "--online");

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(result.Line("⚠️ API key shape:"), Does.Contain("had spaces or quotes around it"));
        Assert.That(result.Line("✅ API key:"), Is.EqualTo($"✅ API key: set ({MaskedKey})"), "the key was cleaned");
        Assert.That(result.Line("✅ API key accepted:"), Is.EqualTo("✅ API key accepted: Approved (200)"), "Kavenegar got the cleaned key");
    }

    [Test]
    public async Task Pending_migrations_are_a_database_error()
    {
        await using var app = new PilitoApp(Kavenegar.BaseUrl, new Dictionary<string, string?>
        {
            ["Kavenegar:ApiKey"] = Key,
            ["Database:MigrateOnStartup"] = "false",
        });
        await Database.CreateForeignAsync(app.ConnectionString); // it exists, but no migration was applied yet

        var result = await OperatorCommand.RunAsync(app, "check-otp-config");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.Output);
        Assert.That(result.Line("❌ Database:"), Does.Match(@"reachable, but \d+ migration\(s\) not applied: run `Pilito.Web migrate`$"));
    }

    [Test]
    public async Task Normal_sync_is_a_database_warning_that_says_what_a_power_cut_can_lose()
    {
        await using var app = new PilitoApp(Kavenegar.BaseUrl, new Dictionary<string, string?>
        {
            ["Kavenegar:ApiKey"] = Key,
            ["Database:SqliteSynchronous"] = "Normal",
        });

        var result = await OperatorCommand.RunAsync(app, "check-otp-config");

        Assert.That(result.ExitCode, Is.Zero, "a warning, not a problem");
        Assert.That(result.Line("⚠️ Database:"), Does.EndWith(
            "reachable, schema up to date; Database:SqliteSynchronous is Normal: a power cut can lose the last answered requests"));
    }

    [Test]
    public async Task Database_file_not_created_yet_is_a_database_error_that_says_to_migrate()
    {
        await using var app = new PilitoApp(Kavenegar.BaseUrl, new Dictionary<string, string?>
        {
            ["Kavenegar:ApiKey"] = Key,
            ["Database:MigrateOnStartup"] = "false",
        });

        var result = await OperatorCommand.RunAsync(app, "check-otp-config");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.Output);
        Assert.That(result.Line("❌ Database:"), Does.Contain("run `Pilito.Web migrate`"));
    }

    [Test]
    public async Task Closed_port_online_is_Kavenegar_not_reachable()
    {
        var url = new Uri($"http://127.0.0.1:{ClosedPort()}/");
        await using var app = new PilitoApp(url, new Dictionary<string, string?> { ["Kavenegar:ApiKey"] = Key });

        var result = await OperatorCommand.RunAsync(app, "check-otp-config", "--online");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.Output);
        Assert.That(result.Line("❌ Kavenegar reachable:"),
            Is.EqualTo($"❌ Kavenegar reachable: Kavenegar could not be reached (connection refused); check the network path to {url}"));
    }

    [Test]
    public async Task Log_provider_is_a_warning()
    {
        await using var app = new PilitoApp(null);

        var result = await OperatorCommand.RunAsync(app, "check-otp-config");

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(result.Line("⚠️ SMS provider:"), Does.Contain("Log").And.Contain("Sms__Provider=Kavenegar"));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // free again once stopped: nothing listens there
    }
}
