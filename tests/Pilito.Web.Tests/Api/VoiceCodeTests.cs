using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Api;

/// <summary>
/// Voice codes (issue #17): <c>"channel": "call"</c> has Kavenegar call the phone and read the code out, through
/// call/maketts, or verify/lookup with type=call when a template is set. Old clients, which send no channel, get the
/// answer they always got; a call is a code like any other for every limit.
/// </summary>
[TestFixtureSource(typeof(TestProviders), nameof(TestProviders.Both))]
public sealed partial class VoiceCodeTests(TestProvider provider) : StandInFixture(provider)
{
    private const string Template = "pilito-voice";

    [Test]
    public async Task Call_without_a_template_goes_through_maketts_with_the_code_s_digits_spaced_and_that_code_signs_in()
    {
        var phone = Phones.NextNational();

        using var response = await RequestAsync(phone, "call");

        var body = await response.JsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        var code = body.GetProperty("code").GetString()!;
        var spaced = string.Join(' ', code.ToCharArray());
        var call = Kavenegar.VoiceCallsTo(phone).Single();
        Assert.That(call.ApiKey, Is.EqualTo(KavenegarStandIn.ValidKey));
        Assert.That(call["message"], Is.EqualTo($"Your Pilito code is {spaced}. Again: {spaced}."));
        Assert.That(call["sender"], Is.Null, "a call needs no sender line");
        Assert.That(Kavenegar.SendsTo(phone), Is.Empty, "no SMS besides");

        var heard = SpacedDigits().Match(call["message"]!).Value.Replace(" ", string.Empty, StringComparison.Ordinal);
        using var verified = await Client.VerifyOtpAsync(phone, heard);
        Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Call_s_message_id_and_channel_are_kept_on_the_token()
    {
        var phone = Phones.NextNational();

        using var response = await RequestAsync(phone, "call");

        var row = await Database.ReadNewestTokenAsync(App, Phones.ToE164(phone));
        Assert.That(row["Channel"], Is.EqualTo("Call"));
        Assert.That(row["Status"], Is.EqualTo("Sent"));
        Assert.That(row["ProviderMessageId"], Is.EqualTo(Kavenegar.MessagesTo(phone).Single().MessageId.ToString(CultureInfo.InvariantCulture)));
    }

    [TestCase(null)]
    [TestCase("sms")]
    public async Task No_channel_null_or_sms_is_an_sms_and_the_token_says_so(string? channel)
    {
        var phone = Phones.NextNational();

        using var response = channel is null
            ? await Client.PostRawAsync(ApiClient.RequestOtpPath, $$"""{"phone_number": "{{phone}}", "channel": null}""")
            : await RequestAsync(phone, channel);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Kavenegar.SendsTo(phone), Has.Count.EqualTo(1));
        Assert.That(Kavenegar.VoiceCallsTo(phone), Is.Empty);
        Assert.That((await Database.ReadNewestTokenAsync(App, Phones.ToE164(phone)))["Channel"], Is.EqualTo("Sms"));
    }

    [Test]
    public async Task Without_a_channel_the_answer_is_byte_for_byte_the_old_one()
    {
        var phone = Phones.NextNational();

        using var response = await Client.RequestOtpAsync(phone);

        var text = await response.Content.ReadAsStringAsync();
        var body = await response.JsonAsync();
        var expected = "{\"message\":\"OTP sent successfully\",\"phone_number\":\"" + Phones.ToE164(phone)
            + "\",\"expires_in\":300,\"code\":\"" + body.GetProperty("code").GetString()
            + "\",\"verification_id\":\"" + body.GetProperty("verification_id").GetString() + "\"}";
        Assert.That(text, Is.EqualTo(expected));
        Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("application/json; charset=utf-8"));
    }

    [Test]
    public async Task A_call_answers_like_an_sms()
    {
        var phone = Phones.NextNational();

        using var response = await RequestAsync(phone, "call");

        Assert.That((await response.JsonAsync()).Keys(), Is.EqualTo(new[] { "code", "expires_in", "message", "phone_number", "verification_id" }));
    }

    [TestCase("\"fax\"", "\"fax\" is not a valid choice.")]
    [TestCase("\"SMS\"", "\"SMS\" is not a valid choice.")]
    [TestCase("\"voice\"", "\"voice\" is not a valid choice.")]
    [TestCase("\"\"", "\"\" is not a valid choice.")]
    [TestCase("1", "Not a valid string.")]
    [TestCase("[\"call\"]", "Not a valid string.")]
    public async Task Unknown_channel_is_a_400_keyed_by_channel_and_nothing_is_stored_or_sent(string json, string message)
    {
        var phone = Phones.NextNational();

        using var response = await Client.PostRawAsync(ApiClient.RequestOtpPath, $$"""{"phone_number": "{{phone}}", "channel": {{json}}}""");

        await response.AssertOnlyFieldErrorAsync("channel", message);
        Assert.That(Kavenegar.Calls.Where(c => c["receptor"] == phone), Is.Empty);
        Assert.That(await Database.CountTokensAsync(App, Phones.ToE164(phone)), Is.Zero);
    }

    [Test]
    public async Task Bad_phone_and_bad_channel_are_both_named()
    {
        using var response = await Client.PostRawAsync(ApiClient.RequestOtpPath, """{"phone_number": "02112345678", "channel": "fax"}""");

        var body = await response.JsonAsync();
        Assert.That(body.Keys(), Is.EqualTo(new[] { "channel", "phone_number" }));
        Assert.That(body.FieldError("phone_number"), Is.EqualTo("Please provide a valid Iranian phone number"));
    }

    [Test]
    public async Task Phone_that_cannot_take_a_call_is_a_502_with_the_reason_and_the_token_is_recorded_failed()
    {
        var phone = Phones.NextNational();
        Kavenegar.SetReceptor(phone, new StandInBehaviour.NoVoiceCalls());

        using var response = await RequestAsync(phone, "call");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(),
            Is.EqualTo("Failed to send OTP: Voice-call delivery not possible (428)"));
        var row = await Database.ReadNewestTokenAsync(App, Phones.ToE164(phone));
        Assert.That(row["Status"], Is.EqualTo("SendFailed"));
        Assert.That(row["Channel"], Is.EqualTo("Call"));
        Assert.That(Convert.ToInt64(row["ProviderStatusCode"], CultureInfo.InvariantCulture), Is.EqualTo(428));
        Assert.That(row["ProviderError"], Is.EqualTo("Voice-call delivery not possible (428)"));
        Assert.That(Kavenegar.VoiceCallsTo(phone), Has.Count.EqualTo(1), "a refusal is not retried");
    }

    [Test]
    public async Task Phone_that_cannot_take_a_call_still_gets_its_code_by_sms()
    {
        var phone = Phones.NextNational();
        Kavenegar.SetReceptor(phone, new StandInBehaviour.NoVoiceCalls());
        using var refused = await RequestAsync(phone, "call");

        var code = await Client.RequestCodeAsync(phone);

        Assert.That(Kavenegar.SendsTo(phone).Single()["message"], Does.Contain(code));
        using var verified = await Client.VerifyOtpAsync(phone, code);
        Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_call_after_three_codes_by_sms_is_refused_with_the_same_429_and_nobody_is_called()
    {
        var phone = Phones.NextNational();
        for (var i = 0; i < 3; i++)
            await Client.RequestCodeAsync(phone);

        using var response = await RequestAsync(phone, "call");

        Assert.That(response.StatusCode, Is.EqualTo((HttpStatusCode)429));
        Assert.That((await response.JsonAsync()).FieldError("phone_number"), Is.EqualTo("Too many OTP requests. Please try again in 2 minutes."));
        Assert.That(response.Headers.RetryAfter?.Delta?.TotalSeconds, Is.InRange(1, 120));
        Assert.That(Kavenegar.VoiceCallsTo(phone), Is.Empty);
        Assert.That(await Database.CountTokensAsync(App, Phones.ToE164(phone)), Is.EqualTo(3));
    }

    [Test]
    public async Task Calls_count_toward_the_window_of_later_sms()
    {
        var phone = Phones.NextNational();
        for (var i = 0; i < 3; i++)
        {
            using var call = await RequestAsync(phone, "call");
            Assert.That(call.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var response = await Client.RequestOtpAsync(phone);

        Assert.That(response.StatusCode, Is.EqualTo((HttpStatusCode)429));
        Assert.That(Kavenegar.SendsTo(phone), Is.Empty);
        Assert.That(Kavenegar.VoiceCallsTo(phone), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task A_call_supersedes_the_earlier_sms_code()
    {
        var phone = Phones.NextNational();
        var smsCode = await Client.RequestCodeAsync(phone);
        using var call = await RequestAsync(phone, "call");
        var callCode = (await call.JsonAsync()).GetProperty("code").GetString()!;

        using var old = await Client.VerifyOtpAsync(phone, smsCode);
        using var current = await Client.VerifyOtpAsync(phone, callCode);

        Assert.That(old.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "superseded");
        Assert.That(current.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task With_a_template_a_call_goes_through_verify_lookup_with_type_call_and_an_sms_with_type_sms()
    {
        Kavenegar.AddTemplate(Template);
        await using var app = NewApp(Kavenegar.BaseUrl, new Dictionary<string, string?> { ["Kavenegar:Template"] = Template });
        using var client = app.CreateClient();
        var called = Phones.NextNational();
        var texted = Phones.NextNational();

        using var call = await RequestAsync(client, called, "call");
        var code = await client.RequestCodeAsync(texted);

        Assert.That(call.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var lookup = Kavenegar.LookupsTo(called).Single();
        Assert.That(lookup["type"], Is.EqualTo("call"));
        Assert.That(lookup["template"], Is.EqualTo(Template));
        Assert.That(lookup["token"], Is.EqualTo((await call.JsonAsync()).GetProperty("code").GetString()), "digits only: a token has no spaces");
        Assert.That(Kavenegar.VoiceCallsTo(called), Is.Empty);
        Assert.That(Kavenegar.LookupsTo(texted).Single()["type"], Is.EqualTo("sms"));
        Assert.That(Kavenegar.LookupsTo(texted).Single()["token"], Is.EqualTo(code));
        using var verified = await client.VerifyOtpAsync(called, lookup["token"]!);
        Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task With_a_template_a_phone_that_cannot_take_a_call_is_the_same_502()
    {
        Kavenegar.AddTemplate(Template);
        await using var app = NewApp(Kavenegar.BaseUrl, new Dictionary<string, string?> { ["Kavenegar:Template"] = Template });
        using var client = app.CreateClient();
        var phone = Phones.NextNational();
        Kavenegar.SetReceptor(phone, new StandInBehaviour.NoVoiceCalls());

        using var response = await RequestAsync(client, phone, "call");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(),
            Is.EqualTo("Failed to send OTP: Voice-call delivery not possible (428)"));
        Assert.That((await Database.ReadNewestTokenAsync(app, Phones.ToE164(phone)))["Status"], Is.EqualTo("SendFailed"));
    }

    [Test]
    public async Task Call_message_comes_from_Sms_CallMessageTemplate()
    {
        await using var app = NewApp(Kavenegar.BaseUrl, new Dictionary<string, string?> { ["Sms:CallMessageTemplate"] = "کد شما {code}" });
        using var client = app.CreateClient();
        var phone = Phones.NextNational();

        using var response = await RequestAsync(client, phone, "call");

        var code = (await response.JsonAsync()).GetProperty("code").GetString()!;
        Assert.That(Kavenegar.VoiceCallsTo(phone).Single()["message"], Is.EqualTo("کد شما " + string.Join(' ', code.ToCharArray())));
    }

    private Task<HttpResponseMessage> RequestAsync(string phone, string channel) => RequestAsync(Client, phone, channel);

    private static Task<HttpResponseMessage> RequestAsync(HttpClient client, string phone, string channel) =>
        client.PostRawAsync(ApiClient.RequestOtpPath, $$"""{"phone_number": "{{phone}}", "channel": "{{channel}}"}""");

    [GeneratedRegex("[0-9]( [0-9])+")]
    private static partial Regex SpacedDigits();
}
