using System.Net;
using System.Net.Sockets;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Kavenegar;

/// <summary>What the API answers when Kavenegar refuses, breaks or stays silent.</summary>
public sealed class ProviderFailureTests
{
    private KavenegarStandIn _kavenegar = null!;
    private PilitoApp _app = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _kavenegar = await KavenegarStandIn.StartAsync();
        _app = new PilitoApp(_kavenegar.BaseUrl, new Dictionary<string, string?> { ["Kavenegar:Timeout"] = "00:00:01" });
        _client = _app.CreateClient();
        _client.Timeout = TimeSpan.FromSeconds(15); // far above Kavenegar:Timeout: the API must answer first
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _kavenegar.DisposeAsync();
    }

    [TestCase(411, "Failed to send OTP: Invalid receptor (411)")]
    [TestCase(412, "Failed to send OTP: Invalid sender (412)")]
    [TestCase(501, "Failed to send OTP: Trial account: only the owner's number (501)")]
    [TestCase(777, "Failed to send OTP: Unknown Kavenegar status 777 (777)")]
    public async Task Kavenegar_error_code_is_a_502_with_its_English_reason(int status, string detail)
    {
        var phone = Phones.NextNational();
        _kavenegar.SetReceptor(phone, new StandInBehaviour.Status(status));

        using var response = await _client.RequestOtpAsync(phone);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(), Is.EqualTo(detail));
    }

    [Test]
    public async Task Html_500_is_a_502_that_says_the_answer_was_unreadable()
    {
        var phone = Phones.NextNational();
        _kavenegar.SetReceptor(phone, new StandInBehaviour.Html500());

        using var response = await _client.RequestOtpAsync(phone);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(),
            Is.EqualTo("Failed to send OTP: Kavenegar answered HTTP 500 with an unreadable body"));
        Assert.That(_kavenegar.SendsTo(phone), Has.Count.EqualTo(1), "a 5xx may have sent the SMS: never retried");
    }

    [Test]
    public async Task Json_of_the_wrong_shape_is_a_502()
    {
        var phone = Phones.NextNational();
        _kavenegar.SetReceptor(phone, new StandInBehaviour.WrongShape());

        using var response = await _client.RequestOtpAsync(phone);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(),
            Is.EqualTo("Failed to send OTP: Kavenegar answered HTTP 200 with an unreadable body"));
    }

    [Test]
    public async Task Hanging_provider_is_a_504_within_the_configured_timeout_and_is_not_retried()
    {
        var phone = Phones.NextNational();
        _kavenegar.SetReceptor(phone, new StandInBehaviour.Hang());

        using var response = await _client.RequestOtpAsync(phone);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.GatewayTimeout));
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(),
            Is.EqualTo("Failed to send OTP: Kavenegar did not answer within 1 seconds"));
        Assert.That(_kavenegar.SendsTo(phone), Has.Count.EqualTo(1), "a timed-out send may have gone out: never retried");
    }

    [Test]
    public async Task Failed_send_is_recorded_on_the_token()
    {
        var phone = Phones.NextNational();
        _kavenegar.SetReceptor(phone, new StandInBehaviour.Status(411));

        using var response = await _client.RequestOtpAsync(phone);

        var row = await Database.ReadNewestTokenAsync(_app, Phones.ToE164(phone));
        Assert.That(row["Status"], Is.EqualTo("SendFailed"));
        Assert.That(row["ProviderStatusCode"], Is.EqualTo(411L));
        Assert.That(row["ProviderError"], Is.EqualTo("Invalid receptor (411)"));
        Assert.That(row["DeliveryProvider"], Is.EqualTo("Kavenegar"));
    }

    [Test]
    public async Task Code_of_a_failed_send_cannot_be_verified()
    {
        var phone = Phones.NextNational();
        _kavenegar.SetReceptor(phone, new StandInBehaviour.Status(411));
        using var request = await _client.RequestOtpAsync(phone);
        var code = _kavenegar.SendsTo(phone).Single()["message"]![^6..];

        using var response = await _client.VerifyOtpAsync(phone, code);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await response.JsonAsync()).FieldError("code"), Is.EqualTo("Invalid or expired OTP code."));
    }

    [Test]
    public async Task Wrong_api_key_is_a_502_Invalid_API_key_403()
    {
        await using var app = new PilitoApp(_kavenegar.BaseUrl, new Dictionary<string, string?> { ["Kavenegar:ApiKey"] = "not-a-real-key" });
        using var client = app.CreateClient();

        using var response = await client.RequestOtpAsync(Phones.NextNational());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(), Is.EqualTo("Failed to send OTP: Invalid API key (403)"));
    }

    [Test]
    public async Task Account_without_credit_is_a_502_Insufficient_credit_418()
    {
        _kavenegar.AddAccount("broke-account-key", credit: 0);
        await using var app = new PilitoApp(_kavenegar.BaseUrl, new Dictionary<string, string?> { ["Kavenegar:ApiKey"] = "broke-account-key" });
        using var client = app.CreateClient();

        using var response = await client.RequestOtpAsync(Phones.NextNational());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(), Is.EqualTo("Failed to send OTP: Insufficient credit (418)"));
    }

    [Test]
    public async Task Unreachable_provider_is_a_502_that_says_so()
    {
        await using var app = new PilitoApp(new Uri($"http://127.0.0.1:{ClosedPort()}/"));
        using var client = app.CreateClient();

        using var response = await client.RequestOtpAsync(Phones.NextNational());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(),
            Is.EqualTo("Failed to send OTP: Kavenegar could not be reached (connection refused)"));
    }

    [Test]
    public async Task Missing_api_key_is_a_503_and_nothing_is_stored()
    {
        await using var app = new PilitoApp(_kavenegar.BaseUrl, new Dictionary<string, string?> { ["Kavenegar:ApiKey"] = null });
        using var client = app.CreateClient();
        var phone = Phones.NextNational();

        using var response = await client.RequestOtpAsync(phone);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        var body = await response.JsonAsync();
        Assert.That(body.Keys(), Is.EqualTo(new[] { "detail" }));
        Assert.That(body.GetProperty("detail").GetString(), Is.EqualTo("SMS service is not configured. Please contact support."));
        Assert.That(await Database.CountTokensAsync(app, Phones.ToE164(phone)), Is.Zero);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // free again once stopped: nothing listens there
    }
}
