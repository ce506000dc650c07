using System.Net;
using System.Net.Sockets;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.SmsIr;

/// <summary>
/// Sms:Providers = [Kavenegar, SmsIr]: a code moves to sms.ir only when Kavenegar certainly sent nothing (it refused,
/// could not be reached, or its circuit is open), never after a timeout or an answer that may mean "sent", so a
/// person never gets two codes for one request.
/// </summary>
public sealed class FailoverTests : SmsIrFixture
{
    protected override PilitoApp CreateApp(KavenegarStandIn kavenegar) => NewApp(kavenegar.BaseUrl, Providers("Kavenegar", "SmsIr"));

    [OneTimeSetUp]
    public void AllowSlowAnswers() => Client.Timeout = TimeSpan.FromSeconds(15); // far above the providers' timeouts

    [Test]
    public async Task While_Kavenegar_sends_sms_ir_is_never_asked()
    {
        var phone = Phones.NextNational();

        using var response = await Client.RequestOtpAsync(phone);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Kavenegar.MessagesTo(phone), Has.Count.EqualTo(1));
        Assert.That(SmsIr.VerifiesTo(phone), Is.Empty);
        Assert.That((await Database.ReadNewestTokenAsync(App, Phones.ToE164(phone)))["DeliveryProvider"], Is.EqualTo("Kavenegar"));
    }

    // Refusals: Kavenegar answered and sent nothing.
    [TestCase(418)] // insufficient credit
    [TestCase(403)] // invalid API key
    [TestCase(412)] // invalid sender line
    [TestCase(409)] // busy (after its retries)
    public async Task A_Kavenegar_refusal_fails_over_to_sms_ir_which_sends_the_one_code(int status)
    {
        var phone = Phones.NextNational();
        Kavenegar.SetReceptor(phone, new StandInBehaviour.Status(status));

        using var response = await Client.RequestOtpAsync(phone);

        var body = await response.JsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(Kavenegar.MessagesTo(phone), Is.Empty);
        var sent = SmsIr.VerifiesTo(phone).Single();
        var row = await Database.ReadNewestTokenAsync(App, Phones.ToE164(phone));
        Assert.That(row["Status"], Is.EqualTo("Sent"));
        Assert.That(row["DeliveryProvider"], Is.EqualTo("SmsIr"));
        Assert.That(row["ProviderMessageId"], Is.Not.Null);

        using var verified = await Client.VerifyOtpAsync(phone, sent.Parameters["Code"]!);
        Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the code sms.ir sent is the code that signs in");
    }

    [Test]
    public async Task An_unreachable_Kavenegar_fails_over_to_sms_ir()
    {
        var settings = Providers("Kavenegar", "SmsIr");
        settings["Kavenegar:BaseUrl"] = $"http://127.0.0.1:{ClosedPort()}/";
        await using var app = NewApp(Kavenegar.BaseUrl, settings);
        using var client = app.CreateClient();
        var phone = Phones.NextNational();

        using var response = await client.RequestOtpAsync(phone);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(SmsIr.VerifiesTo(phone), Has.Count.EqualTo(1));
        Assert.That((await Database.ReadNewestTokenAsync(app, Phones.ToE164(phone)))["DeliveryProvider"], Is.EqualTo("SmsIr"));
    }

    [Test]
    public async Task A_Kavenegar_timeout_never_fails_over_the_code_may_be_on_its_way()
    {
        var phone = Phones.NextNational();
        Kavenegar.SetReceptor(phone, new StandInBehaviour.Hang());

        using var response = await Client.RequestOtpAsync(phone);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.GatewayTimeout));
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(), Is.EqualTo("Failed to send OTP: Kavenegar did not answer within 1 seconds"));
        Assert.That(SmsIr.VerifiesTo(phone), Is.Empty);
        Assert.That((await Database.ReadNewestTokenAsync(App, Phones.ToE164(phone)))["DeliveryProvider"], Is.EqualTo("Kavenegar"));
    }

    // Answers after which a message may have gone out.
    [TestCase("html500")]
    [TestCase("approved-without-id")]
    [TestCase("cut-off")]
    public async Task An_answer_that_may_mean_sent_never_fails_over(string answer)
    {
        var phone = Phones.NextNational();
        Kavenegar.SetReceptor(phone, answer switch
        {
            "html500" => new StandInBehaviour.Html500(),
            "approved-without-id" => StandInBehaviour.Raw.Json("""{"return":{"status":200,"message":"تایید شد"},"entries":[{}]}"""),
            _ => new StandInBehaviour.MalformedJson(),
        });

        using var response = await Client.RequestOtpAsync(phone);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That(SmsIr.VerifiesTo(phone), Is.Empty);
    }

    [Test]
    public async Task A_status_outside_Kavenegar_s_table_is_no_known_refusal_and_never_fails_over()
    {
        var phone = Phones.NextNational();
        Kavenegar.SetReceptor(phone, new StandInBehaviour.Status(777));

        using var response = await Client.RequestOtpAsync(phone);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(), Is.EqualTo("Failed to send OTP: Unknown Kavenegar status 777 (777)"));
        Assert.That(SmsIr.VerifiesTo(phone), Is.Empty);
    }

    [TestCase(0)] // sms.ir's own error
    [TestCase(177)] // not in its table
    public async Task An_sms_ir_status_that_is_no_known_refusal_never_fails_over_to_Kavenegar(int status)
    {
        await using var app = NewApp(Kavenegar.BaseUrl, Providers("SmsIr", "Kavenegar"));
        using var client = app.CreateClient();
        var phone = Phones.NextNational();
        SmsIr.SetMobile(phone, new StandInBehaviour.Status(status));

        using var response = await client.RequestOtpAsync(phone);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That(Kavenegar.MessagesTo(phone), Is.Empty);
    }

    [Test]
    public async Task When_every_provider_refuses_the_answer_names_each_reason()
    {
        var phone = Phones.NextNational();
        Kavenegar.SetReceptor(phone, new StandInBehaviour.Status(418));
        SmsIr.SetMobile(phone, new StandInBehaviour.Status(102));

        using var response = await Client.RequestOtpAsync(phone);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        const string reasons = "Kavenegar: Insufficient credit (418); SmsIr: Insufficient credit (102)";
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(), Is.EqualTo("Failed to send OTP: " + reasons));
        var row = await Database.ReadNewestTokenAsync(App, Phones.ToE164(phone));
        Assert.That(row["Status"], Is.EqualTo("SendFailed"));
        Assert.That(row["ProviderError"], Is.EqualTo(reasons));
    }

    [Test]
    public async Task The_order_is_the_setting_s_sms_ir_first_then_Kavenegar()
    {
        await using var app = NewApp(Kavenegar.BaseUrl, Providers("SmsIr", "Kavenegar"));
        using var client = app.CreateClient();
        var first = Phones.NextNational();
        var refused = Phones.NextNational();
        SmsIr.SetMobile(refused, new StandInBehaviour.Status(102));

        using var one = await client.RequestOtpAsync(first);
        using var two = await client.RequestOtpAsync(refused);

        Assert.That(SmsIr.VerifiesTo(first), Has.Count.EqualTo(1));
        Assert.That(Kavenegar.MessagesTo(first), Is.Empty);
        Assert.That(two.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Kavenegar.MessagesTo(refused), Has.Count.EqualTo(1), "sms.ir refused, so Kavenegar sent it");
    }

    [Test]
    public async Task A_voice_call_goes_to_the_first_provider_that_can_call()
    {
        await using var app = NewApp(Kavenegar.BaseUrl, Providers("SmsIr", "Kavenegar"));
        using var client = app.CreateClient();
        var phone = Phones.NextNational();

        using var response = await client.PostRawAsync(ApiClient.RequestOtpPath, $$"""{"phone_number": "{{phone}}", "channel": "call"}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Kavenegar.VoiceCallsTo(phone), Has.Count.EqualTo(1));
        Assert.That(SmsIr.VerifiesTo(phone), Is.Empty);
    }

    [Test]
    public async Task An_open_Kavenegar_circuit_fails_over_at_once_without_calling_Kavenegar()
    {
        await using var app = NewApp(Kavenegar.BaseUrl, Providers("Kavenegar", "SmsIr"));
        using var client = app.CreateClient();
        for (var i = 0; i < 20; i++)
        {
            var failing = Phones.NextNational();
            Kavenegar.SetReceptor(failing, new StandInBehaviour.Html500());
            using var failed = await client.RequestOtpAsync(failing);
            Assert.That(failed.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway), "a 500 may have sent: no failover");
        }

        var phone = Phones.NextNational();
        using var response = await client.RequestOtpAsync(phone);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Kavenegar.SendsTo(phone), Is.Empty, "the open circuit never reached Kavenegar");
        Assert.That(SmsIr.VerifiesTo(phone), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Each_provider_has_its_own_circuit_breaker_sms_ir_s_opening_leaves_Kavenegar_s_closed()
    {
        await using var app = NewApp(Kavenegar.BaseUrl, Providers("SmsIr", "Kavenegar"));
        using var client = app.CreateClient();
        for (var i = 0; i < 20; i++)
        {
            var failing = Phones.NextNational();
            SmsIr.SetMobile(failing, new StandInBehaviour.Html500());
            using var failed = await client.RequestOtpAsync(failing);
            Assert.That(failed.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        }

        var phone = Phones.NextNational();
        using var response = await client.RequestOtpAsync(phone);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(SmsIr.VerifiesTo(phone), Is.Empty, "sms.ir's circuit is open");
        Assert.That(Kavenegar.MessagesTo(phone), Has.Count.EqualTo(1), "Kavenegar's is not");
        Assert.That((await Database.ReadNewestTokenAsync(app, Phones.ToE164(phone)))["DeliveryProvider"], Is.EqualTo("Kavenegar"));
    }

    [Test]
    public async Task Metrics_count_each_provider_s_attempts_and_the_failover()
    {
        await using var app = NewApp(Kavenegar.BaseUrl, Providers("Kavenegar", "SmsIr"));
        using var client = app.CreateClient();
        var phone = Phones.NextNational();
        Kavenegar.SetReceptor(phone, new StandInBehaviour.Status(418));

        using var response = await client.RequestOtpAsync(phone);
        var metrics = await client.GetStringAsync("/metrics");

        Assert.That(metrics, Does.Match(Prometheus.Series("pilito_otp_sms_failovers_total", "from=\"Kavenegar\"", "to=\"SmsIr\"") + " 1\\b"));
        Assert.That(metrics, Does.Match(Prometheus.Series("pilito_otp_sms_failures_total", "provider=\"Kavenegar\"", "status=\"418\"") + " 1\\b"));
        Assert.That(metrics, Does.Match(Prometheus.Series("pilito_otp_sms_sent_total", "provider=\"SmsIr\"") + " 1\\b"));
        Assert.That(metrics, Does.Match(Prometheus.Series("pilito_otp_requests_total", "outcome=\"sent\"") + " 1\\b"), "one request, whatever it took");
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // closed again when disposed: a connect is refused
    }
}
