using System.Globalization;
using System.Net;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.SmsIr;

/// <summary>
/// sms.ir as the provider (Sms:Providers = [SmsIr]): codes go through its send/verify with the panel template, its
/// refusals and faults become the API's documented 502/504, and a voice call, which sms.ir cannot make, is refused
/// before anything is stored.
/// </summary>
public sealed class SmsIrSendTests : SmsIrFixture
{
    protected override PilitoApp CreateApp(KavenegarStandIn kavenegar) => NewApp(kavenegar.BaseUrl, Providers("SmsIr"));

    [OneTimeSetUp]
    public void AllowSlowAnswers() => Client.Timeout = TimeSpan.FromSeconds(15); // far above SmsIr:Timeout: the API must answer first

    [Test]
    public async Task Code_goes_through_send_verify_with_the_template_and_its_code_parameter_and_signs_in()
    {
        var phone = Phones.NextNational();

        using var response = await Client.RequestOtpAsync(phone);

        var body = await response.JsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        var call = SmsIr.VerifiesTo(phone).Single();
        Assert.That(call.ApiKey, Is.EqualTo(SmsIrStandIn.ValidKey));
        Assert.That(call.Mobile, Is.EqualTo(phone));
        Assert.That(call.TemplateId, Is.EqualTo(SmsIrStandIn.Template));
        var code = call.Parameters["Code"]!;
        Assert.That(call.Parameters.Keys, Is.EqualTo(new[] { "Code" }));
        Assert.That(Kavenegar.Calls, Is.Empty, "Kavenegar is not listed");

        using var verified = await Client.VerifyOtpAsync(phone, code);
        Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_token_records_sms_ir_and_its_message_id()
    {
        var phone = Phones.NextNational();

        using var response = await Client.RequestOtpAsync(phone);

        var row = await Database.ReadNewestTokenAsync(App, Phones.ToE164(phone));
        Assert.That(row["Status"], Is.EqualTo("Sent"));
        Assert.That(row["DeliveryProvider"], Is.EqualTo("SmsIr"));
        Assert.That(Convert.ToInt64(row["ProviderStatusCode"], CultureInfo.InvariantCulture), Is.EqualTo(1));
        Assert.That(long.Parse((string)row["ProviderMessageId"]!, CultureInfo.InvariantCulture), Is.GreaterThan(89_545_112));
    }

    [Test]
    public async Task A_lifetime_parameter_carries_the_minutes_the_code_stays_valid()
    {
        SmsIr.AddTemplate(200_001, "Code", "Minutes");
        var settings = Providers("SmsIr");
        settings["SmsIr:TemplateId"] = "200001";
        settings["SmsIr:LifetimeParameter"] = "Minutes";
        await using var app = NewApp(Kavenegar.BaseUrl, settings);
        using var client = app.CreateClient();
        var phone = Phones.NextNational();

        using var response = await client.RequestOtpAsync(phone);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(SmsIr.VerifiesTo(phone).Single().Parameters["Minutes"], Is.EqualTo("5"));
    }

    // sms.ir's refusals (its status table) with the reasons of SmsIrStatusCodes.
    [TestCase(10, "Invalid API key")]
    [TestCase(11, "API key disabled")]
    [TestCase(12, "API key limited to other IP addresses")]
    [TestCase(13, "Account inactive")]
    [TestCase(14, "Account suspended")]
    [TestCase(20, "Too many requests")]
    [TestCase(102, "Insufficient credit")]
    [TestCase(104, "Invalid mobile number")]
    [TestCase(113, "Template not found")]
    [TestCase(114, "Parameter value over 25 characters")]
    [TestCase(115, "Mobile number blacklisted")]
    [TestCase(116, "Template parameter name not set")]
    [TestCase(123, "Sender line needs activation")]
    [TestCase(124, "Only OTP templates allowed; this one is not recognised as OTP")]
    [TestCase(177, "Unknown sms.ir status 177")]
    public async Task A_refusal_answers_502_with_its_reason_and_is_recorded_on_the_token(int status, string reason)
    {
        var phone = Phones.NextNational();
        SmsIr.SetMobile(phone, new StandInBehaviour.Status(status));

        using var response = await Client.RequestOtpAsync(phone);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        var detail = $"Failed to send OTP: {reason} ({status})";
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(), Is.EqualTo(detail));
        var row = await Database.ReadNewestTokenAsync(App, Phones.ToE164(phone));
        Assert.That(row["Status"], Is.EqualTo("SendFailed"));
        Assert.That(row["DeliveryProvider"], Is.EqualTo("SmsIr"));
        Assert.That(Convert.ToInt64(row["ProviderStatusCode"], CultureInfo.InvariantCulture), Is.EqualTo(status));
        Assert.That(row["ProviderError"], Is.EqualTo($"{reason} ({status})"));
    }

    [Test]
    public async Task The_stand_in_s_own_rule_refuses_an_unknown_template_with_113()
    {
        var settings = Providers("SmsIr");
        settings["SmsIr:TemplateId"] = "999";
        await using var app = NewApp(Kavenegar.BaseUrl, settings);
        using var client = app.CreateClient();

        using var response = await client.RequestOtpAsync(Phones.NextNational());

        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(), Is.EqualTo("Failed to send OTP: Template not found (113)"));
    }

    // Answers that are not sms.ir's envelope, or that may follow a message that went out: 502, never 500.
    [TestCase(500, "text/html", "<html><body>Bad gateway</body></html>", "sms.ir answered HTTP 500 with an unreadable body")]
    [TestCase(200, "application/json", "", "sms.ir answered HTTP 200 with an unreadable body")]
    [TestCase(200, "application/json", "{\"status\":1,\"message\":\"موفق\",\"data\":{\"messageId\":8", "sms.ir answered HTTP 200 with an unreadable body")]
    [TestCase(200, "application/json", "{\"status\":\"1\",\"message\":\"موفق\",\"data\":{\"messageId\":8}}", "sms.ir answered HTTP 200 with an unreadable body")]
    [TestCase(200, "application/json", "{\"status\":1.5,\"message\":\"\",\"data\":null}", "sms.ir answered HTTP 200 with an unreadable body")]
    [TestCase(200, "application/json", "[1]", "sms.ir answered HTTP 200 with an unreadable body")]
    [TestCase(200, "application/json", "{\"status\":1,\"message\":\"موفق\",\"data\":null}", "sms.ir approved the message but gave no message id")]
    [TestCase(200, "application/json", "{\"status\":1,\"message\":\"موفق\",\"data\":{\"messageId\":\"89\"}}", "sms.ir approved the message but gave no message id")]
    [TestCase(200, "application/json", "{\"status\":1,\"message\":\"موفق\",\"data\":{\"messageId\":1.5}}", "sms.ir approved the message but gave no message id")]
    [TestCase(500, "application/json", "{\"status\":0,\"message\":\"خطا\",\"data\":null}", "Server error (0)")]
    [TestCase(400, "application/json", "{\"status\":1,\"message\":\"موفق\",\"data\":{\"messageId\":8}}", "sms.ir answered HTTP 400 with status 1")]
    public async Task An_odd_answer_gives_502_with_a_reason_never_a_500(int httpStatus, string contentType, string body, string reason)
    {
        var phone = Phones.NextNational();
        SmsIr.SetMobile(phone, new StandInBehaviour.Raw(httpStatus, contentType, body));

        using var response = await Client.RequestOtpAsync(phone);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(), Is.EqualTo($"Failed to send OTP: {reason}"));
        Assert.That((await Database.ReadNewestTokenAsync(App, Phones.ToE164(phone)))["Status"], Is.EqualTo("SendFailed"));
    }

    [Test]
    public async Task A_silent_sms_ir_gives_504_after_its_timeout()
    {
        var phone = Phones.NextNational();
        SmsIr.SetMobile(phone, new StandInBehaviour.Hang());

        using var response = await Client.RequestOtpAsync(phone);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.GatewayTimeout));
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(), Is.EqualTo("Failed to send OTP: sms.ir did not answer within 1 seconds"));
        Assert.That(SmsIr.VerifiesTo(phone), Has.Count.EqualTo(1), "a send that may have gone out is never retried");
    }

    [Test]
    public async Task A_voice_call_is_refused_as_a_field_error_before_anything_is_stored()
    {
        var phone = Phones.NextNational();

        using var response = await Client.PostRawAsync(ApiClient.RequestOtpPath, $$"""{"phone_number": "{{phone}}", "channel": "call"}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        await response.AssertOnlyFieldErrorAsync("channel", "\"call\" is not a valid choice.");
        Assert.That(await Database.CountTokensAsync(App, Phones.ToE164(phone)), Is.Zero);
        Assert.That(SmsIr.VerifiesTo(phone), Is.Empty);
    }
}
