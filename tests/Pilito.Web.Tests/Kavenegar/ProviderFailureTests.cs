using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Kavenegar;

/// <summary>What the API answers when Kavenegar refuses, breaks or stays silent.</summary>
public sealed class ProviderFailureTests : StandInFixture
{
    protected override PilitoApp CreateApp(KavenegarStandIn kavenegar) =>
        new(kavenegar.BaseUrl, new Dictionary<string, string?> { ["Kavenegar:Timeout"] = "00:00:01" });

    [OneTimeSetUp]
    public void AllowSlowAnswers() => Client.Timeout = TimeSpan.FromSeconds(15); // far above Kavenegar:Timeout: the API must answer first

    // Kavenegar's official return codes (kavenegar.md section 4) with the reasons of KavenegarStatusCodes' table.
    private static readonly (int Code, string Reason)[] OfficialCodes =
    [
        (400, "Parameters incomplete"),
        (401, "Account deactivated"),
        (402, "Operation failed"),
        (403, "Invalid API key"),
        (404, "Unknown method"),
        (405, "Wrong HTTP method"),
        (406, "Required parameters empty"),
        (407, "No access to the requested data"),
        (408, "Caller IP must be set in the security settings"),
        (409, "Kavenegar server busy, try later"),
        (411, "Invalid receptor"),
        (412, "Invalid sender"),
        (413, "Message empty or over 900 characters"),
        (414, "Too many records"),
        (415, "Start index greater than total count"),
        (416, "Caller IP does not match the settings"),
        (417, "Invalid send date"),
        (418, "Insufficient credit"),
        (419, "Text, receptor and sender lists differ in length"),
        (420, "Links in the text are not allowed for this account"),
        (422, "Invalid characters in the data"),
        (424, "Template not found"),
        (426, "Method requires the advanced service"),
        (427, "Line requires an access level"),
        (428, "Voice-call delivery not possible"),
        (429, "IP restricted"),
        (431, "Invalid token structure"),
        (432, "Code parameter not in the message text"),
        (451, "Too many calls; IP restricted"),
        (501, "Trial account: only the owner's number"),
        (604, "Too many numbers"),
        (607, "Invalid tag name"),
        (800, "Media (MMS or messenger) error"),
        (813, "Media (MMS or messenger) error"),
        (777, "Unknown Kavenegar status 777"),
    ];

    private static IEnumerable<TestCaseData> EveryCode() =>
        OfficialCodes.Select(c => new TestCaseData(c.Code, c.Reason).SetArgDisplayNames(c.Code.ToString(CultureInfo.InvariantCulture)));

    private static IEnumerable<TestCaseData> EveryCodeButBusy() =>
        OfficialCodes.Where(c => c.Code != 409).Select(c => new TestCaseData(c.Code).SetArgDisplayNames(c.Code.ToString(CultureInfo.InvariantCulture)));

    // Answers that are not a usable envelope, and the reason each must give.
    private static IEnumerable<TestCaseData> UnusableAnswers()
    {
        yield return new TestCaseData(new StandInBehaviour.Hang(), HttpStatusCode.GatewayTimeout, "Kavenegar did not answer within 1 seconds")
            .SetArgDisplayNames("Hang");
        yield return new TestCaseData(new StandInBehaviour.Html500(), HttpStatusCode.BadGateway, "Kavenegar answered HTTP 500 with an unreadable body")
            .SetArgDisplayNames("Html500");
        yield return new TestCaseData(new StandInBehaviour.MalformedJson(), HttpStatusCode.BadGateway, "Kavenegar answered HTTP 200 with an unreadable body")
            .SetArgDisplayNames("MalformedJson");
        yield return new TestCaseData(new StandInBehaviour.WrongShape(), HttpStatusCode.BadGateway, "Kavenegar answered HTTP 200 with an unreadable body")
            .SetArgDisplayNames("WrongShape");
    }

    [TestCaseSource(nameof(EveryCode))]
    public async Task Kavenegar_error_code_is_a_502_with_its_English_reason(int status, string reason)
    {
        var phone = Phones.NextNational();
        Kavenegar.SetReceptor(phone, new StandInBehaviour.Status(status));

        using var response = await Client.RequestOtpAsync(phone);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(), Is.EqualTo($"Failed to send OTP: {reason} ({status})"));
    }

    [TestCaseSource(nameof(EveryCode))]
    public async Task Kavenegar_error_code_is_recorded_on_the_token(int status, string reason)
    {
        var phone = Phones.NextNational();
        Kavenegar.SetReceptor(phone, new StandInBehaviour.Status(status));

        using var response = await Client.RequestOtpAsync(phone);

        var row = await Database.ReadNewestTokenAsync(App, Phones.ToE164(phone));
        Assert.That(row["Status"], Is.EqualTo("SendFailed"));
        Assert.That(row["ProviderStatusCode"], Is.EqualTo((long)status));
        Assert.That(row["ProviderError"], Is.EqualTo($"{reason} ({status})"));
        Assert.That(row["ProviderMessageId"], Is.Null);
    }

    [TestCaseSource(nameof(EveryCodeButBusy))]
    public async Task Refused_send_is_not_retried(int status)
    {
        var phone = Phones.NextNational();
        Kavenegar.SetReceptor(phone, new StandInBehaviour.Status(status));

        using var response = await Client.RequestOtpAsync(phone);

        Assert.That(Kavenegar.SendsTo(phone), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Busy_409_is_sent_three_times_before_the_502()
    {
        var phone = Phones.NextNational();
        Kavenegar.SetReceptor(phone, new StandInBehaviour.Status(409));

        using var response = await Client.RequestOtpAsync(phone);

        Assert.That(Kavenegar.SendsTo(phone), Has.Count.EqualTo(3), "409 means nothing was sent: two retries");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(),
            Is.EqualTo("Failed to send OTP: Kavenegar server busy, try later (409)"));
    }

    [TestCaseSource(nameof(UnusableAnswers))]
    public async Task Unusable_answer_fails_the_request_with_its_reason(StandInBehaviour behaviour, HttpStatusCode expected, string reason)
    {
        var phone = Phones.NextNational();
        Kavenegar.SetReceptor(phone, behaviour);

        using var response = await Client.RequestOtpAsync(phone);

        Assert.That(response.StatusCode, Is.EqualTo(expected));
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(), Is.EqualTo($"Failed to send OTP: {reason}"));
    }

    [TestCaseSource(nameof(UnusableAnswers))]
    public async Task Unusable_answer_is_recorded_on_the_token(StandInBehaviour behaviour, HttpStatusCode expected, string reason)
    {
        var phone = Phones.NextNational();
        Kavenegar.SetReceptor(phone, behaviour);

        using var response = await Client.RequestOtpAsync(phone);

        Assert.That(response.StatusCode, Is.EqualTo(expected));
        await AssertRecordedFailureAsync(App, phone, reason);
    }

    [TestCaseSource(nameof(UnusableAnswers))]
    public async Task Unusable_answer_may_have_sent_so_is_not_retried(StandInBehaviour behaviour, HttpStatusCode expected, string reason)
    {
        var phone = Phones.NextNational();
        Kavenegar.SetReceptor(phone, behaviour);

        using var response = await Client.RequestOtpAsync(phone);

        Assert.That(response.StatusCode, Is.EqualTo(expected), reason);
        Assert.That(Kavenegar.SendsTo(phone), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Failed_send_is_recorded_on_the_token()
    {
        var phone = Phones.NextNational();
        Kavenegar.SetReceptor(phone, new StandInBehaviour.Status(411));

        using var response = await Client.RequestOtpAsync(phone);

        var row = await Database.ReadNewestTokenAsync(App, Phones.ToE164(phone));
        Assert.That(row["Status"], Is.EqualTo("SendFailed"));
        Assert.That(row["ProviderStatusCode"], Is.EqualTo(411L));
        Assert.That(row["ProviderError"], Is.EqualTo("Invalid receptor (411)"));
        Assert.That(row["DeliveryProvider"], Is.EqualTo("Kavenegar"));
    }

    [Test]
    public async Task Code_of_a_failed_send_cannot_be_verified()
    {
        var phone = Phones.NextNational();
        Kavenegar.SetReceptor(phone, new StandInBehaviour.Status(411));
        using var request = await Client.RequestOtpAsync(phone);
        var code = Kavenegar.SendsTo(phone).Single()["message"]![^6..];

        using var response = await Client.VerifyOtpAsync(phone, code);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await response.JsonAsync()).FieldError("code"), Is.EqualTo("Invalid or expired OTP code."));
    }

    [Test]
    public async Task Wrong_api_key_is_a_502_Invalid_API_key_403()
    {
        await using var app = new PilitoApp(Kavenegar.BaseUrl, new Dictionary<string, string?> { ["Kavenegar:ApiKey"] = "not-a-real-key" });
        using var client = app.CreateClient();

        using var response = await client.RequestOtpAsync(Phones.NextNational());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(), Is.EqualTo("Failed to send OTP: Invalid API key (403)"));
    }

    [Test]
    public async Task Account_without_credit_is_a_502_Insufficient_credit_418()
    {
        Kavenegar.AddAccount("broke-account-key", credit: 0);
        await using var app = new PilitoApp(Kavenegar.BaseUrl, new Dictionary<string, string?> { ["Kavenegar:ApiKey"] = "broke-account-key" });
        using var client = app.CreateClient();

        using var response = await client.RequestOtpAsync(Phones.NextNational());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(), Is.EqualTo("Failed to send OTP: Insufficient credit (418)"));
    }

    [Test]
    public async Task Connection_refused_is_a_502_that_says_so_and_is_recorded_on_the_token()
    {
        await using var app = new PilitoApp(new Uri($"http://127.0.0.1:{ClosedPort()}/"));
        using var client = app.CreateClient();
        var phone = Phones.NextNational();

        using var response = await client.RequestOtpAsync(phone);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(),
            Is.EqualTo("Failed to send OTP: Kavenegar could not be reached (connection refused)"));
        await AssertRecordedFailureAsync(app, phone, "Kavenegar could not be reached (connection refused)");
    }

    [Test]
    public async Task Unknown_host_is_a_502_that_says_DNS_failed_and_is_recorded_on_the_token()
    {
        await using var app = new PilitoApp(new Uri("http://kavenegar.invalid/"));
        using var client = app.CreateClient();
        var phone = Phones.NextNational();

        using var response = await client.RequestOtpAsync(phone);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(),
            Is.EqualTo("Failed to send OTP: Kavenegar could not be reached (DNS lookup failed)"));
        await AssertRecordedFailureAsync(app, phone, "Kavenegar could not be reached (DNS lookup failed)");
    }

    [Test]
    public async Task Missing_api_key_is_a_503_and_nothing_is_stored()
    {
        await using var app = new PilitoApp(Kavenegar.BaseUrl, new Dictionary<string, string?> { ["Kavenegar:ApiKey"] = null });
        using var client = app.CreateClient();
        var phone = Phones.NextNational();

        using var response = await client.RequestOtpAsync(phone);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        var body = await response.JsonAsync();
        Assert.That(body.Keys(), Is.EqualTo(new[] { "detail" }));
        Assert.That(body.GetProperty("detail").GetString(), Is.EqualTo("SMS service is not configured. Please contact support."));
        Assert.That(await Database.CountTokensAsync(app, Phones.ToE164(phone)), Is.Zero);
    }

    private static async Task AssertRecordedFailureAsync(PilitoApp app, string phone, string reason)
    {
        var row = await Database.ReadNewestTokenAsync(app, Phones.ToE164(phone));
        Assert.That(row["Status"], Is.EqualTo("SendFailed"));
        Assert.That(row["ProviderError"], Is.EqualTo(reason));
        Assert.That(row["ProviderStatusCode"], Is.Null, "no Kavenegar status: it gave no usable answer");
        Assert.That(row["DeliveryProvider"], Is.EqualTo("Kavenegar"));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // free again once stopped: nothing listens there
    }
}
