using System.Net;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Api;

/// <summary>
/// Templates people and phones can read (issue #17): per-language SMS texts chosen by <c>"language"</c>, then
/// Accept-Language, then Persian; the Android SMS Retriever hash and the WebOTP line <c>@host #code</c> closing every
/// sms/send text (never a call's); and, in template mode, lookup's token2 (minutes valid) and token3 (app name).
/// </summary>
public sealed class SmsTemplateTests : StandInFixture
{
    private const string Domain = "app.example.ir";
    private const string Hash = "FA+9qCX9VSu";
    private const string Template = "pilito-otp";

    protected override PilitoApp CreateApp(KavenegarStandIn kavenegar) => NewApp(kavenegar.BaseUrl, new Dictionary<string, string?>
    {
        ["Sms:Templates:fa"] = "کد ورود شما: {code}",
        ["Sms:Templates:en"] = "Your sign-in code: {code}",
        ["Sms:AutofillDomain"] = Domain,
        ["Sms:AndroidAppHash"] = Hash,
    });

    [Test]
    public async Task Sms_text_then_the_android_hash_then_the_webotp_line_last()
    {
        var phone = Phones.NextNational();

        var code = await RequestCodeAsync(Client, phone, "\"language\": \"en\"");

        Assert.That(SmsTo(phone), Is.EqualTo($"Your sign-in code: {code}\n\n{Hash}\n@{Domain} #{code}"));
    }

    [TestCase("en")]
    [TestCase("en-GB")]
    [TestCase("EN")]
    public async Task The_language_field_chooses_the_template(string language)
    {
        var phone = Phones.NextNational();

        var code = await RequestCodeAsync(Client, phone, $"\"language\": \"{language}\"");

        Assert.That(SmsTo(phone), Does.StartWith($"Your sign-in code: {code}\n"));
    }

    [Test]
    public async Task Accept_language_chooses_the_template_when_the_field_is_absent()
    {
        var phone = Phones.NextNational();

        var code = await RequestCodeAsync(Client, phone, acceptLanguage: "de-DE, en-US;q=0.8, fa;q=0.5");

        Assert.That(SmsTo(phone), Does.StartWith($"Your sign-in code: {code}\n"));
    }

    [Test]
    public async Task The_language_field_wins_over_accept_language()
    {
        var phone = Phones.NextNational();

        var code = await RequestCodeAsync(Client, phone, "\"language\": \"fa\"", acceptLanguage: "en");

        Assert.That(SmsTo(phone), Does.StartWith($"کد ورود شما: {code}\n"));
    }

    [TestCase("\"language\": \"de\"")]
    [TestCase("\"language\": \"\"")]
    [TestCase("\"language\": null")]
    [TestCase("")]
    public async Task Nothing_supported_is_persian_for_an_iranian_number_with_the_code_in_latin_digits(string field)
    {
        var phone = Phones.NextNational();

        var code = await RequestCodeAsync(Client, phone, field, acceptLanguage: "ru");

        Assert.That(code, Does.Match("^[0-9]+$"));
        Assert.That(SmsTo(phone), Is.EqualTo($"کد ورود شما: {code}\n\n{Hash}\n@{Domain} #{code}"));
    }

    [Test]
    public async Task An_unsupported_field_falls_back_to_accept_language()
    {
        var phone = Phones.NextNational();

        var code = await RequestCodeAsync(Client, phone, "\"language\": \"de\"", acceptLanguage: "en");

        Assert.That(SmsTo(phone), Does.StartWith($"Your sign-in code: {code}\n"));
    }

    [TestCase("1", "Not a valid string.")]
    [TestCase("[\"en\"]", "Not a valid string.")]
    [TestCase("\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"", "Ensure this field has no more than 35 characters.")]
    public async Task A_language_that_is_not_a_short_string_is_a_400_keyed_by_language_and_nothing_is_sent(string json, string message)
    {
        var phone = Phones.NextNational();

        using var response = await Client.PostRawAsync(ApiClient.RequestOtpPath, $$"""{"phone_number": "{{phone}}", "language": {{json}}}""");

        await response.AssertOnlyFieldErrorAsync("language", message);
        Assert.That(Kavenegar.Calls.Where(c => c["receptor"] == phone), Is.Empty);
    }

    [Test]
    public async Task A_call_says_the_call_text_without_autofill_lines()
    {
        var phone = Phones.NextNational();

        var code = await RequestCodeAsync(Client, phone, "\"channel\": \"call\", \"language\": \"en\"");

        var spaced = string.Join(' ', code.ToCharArray());
        Assert.That(Kavenegar.VoiceCallsTo(phone).Single()["message"], Is.EqualTo($"Your Pilito code is {spaced}. Again: {spaced}."));
    }

    [Test]
    public async Task Without_templates_the_default_text_gets_only_the_webotp_line()
    {
        await using var app = NewApp(Kavenegar.BaseUrl, new Dictionary<string, string?> { ["Sms:AutofillDomain"] = Domain });
        using var client = app.CreateClient();
        var phone = Phones.NextNational();

        var code = await RequestCodeAsync(client, phone, "\"language\": \"fa\"", acceptLanguage: "fa");

        Assert.That(SmsTo(phone), Is.EqualTo($"Your Pilito verification code: {code}\n\n@{Domain} #{code}"));
    }

    [Test]
    public async Task Without_templates_or_autofill_the_text_is_exactly_today_s_whatever_is_asked()
    {
        var phone = Phones.NextNational();
        await using var app = NewApp(Kavenegar.BaseUrl);
        using var client = app.CreateClient();

        var code = await RequestCodeAsync(client, phone, "\"language\": \"en\"", acceptLanguage: "fa");

        Assert.That(SmsTo(phone), Is.EqualTo($"Your Pilito verification code: {code}"));
    }

    [Test]
    public async Task Template_mode_fills_token2_with_the_minutes_rounded_up_and_token3_with_the_app_name_and_adds_no_lines()
    {
        Kavenegar.AddTemplate(Template);
        await using var app = NewApp(Kavenegar.BaseUrl, new Dictionary<string, string?>
        {
            ["Kavenegar:Template"] = Template,
            ["Otp:Lifetime"] = "00:02:30",
            ["Sms:AppName"] = "Pilito",
            ["Sms:AutofillDomain"] = Domain,
            ["Sms:AndroidAppHash"] = Hash,
            ["Sms:Templates:en"] = "Your sign-in code: {code}",
        });
        using var client = app.CreateClient();
        var phone = Phones.NextNational();

        var code = await RequestCodeAsync(client, phone, "\"language\": \"en\"");

        var lookup = Kavenegar.LookupsTo(phone).Single();
        Assert.That(lookup.Form.Keys.Order(), Is.EqualTo(new[] { "receptor", "template", "token", "token2", "token3", "type" }));
        Assert.That(lookup["token"], Is.EqualTo(code), "the panel's template is the text: no autofill lines");
        Assert.That(lookup["token2"], Is.EqualTo("3"));
        Assert.That(lookup["token3"], Is.EqualTo("Pilito"));
    }

    [Test]
    public async Task Template_mode_without_an_app_name_sends_no_token3()
    {
        Kavenegar.AddTemplate(Template);
        await using var app = NewApp(Kavenegar.BaseUrl, new Dictionary<string, string?> { ["Kavenegar:Template"] = Template });
        using var client = app.CreateClient();
        var phone = Phones.NextNational();

        await RequestCodeAsync(client, phone);

        var lookup = Kavenegar.LookupsTo(phone).Single();
        Assert.That(lookup["token2"], Is.EqualTo("5"), "Otp:Lifetime's default, five minutes");
        Assert.That(lookup["token3"], Is.Null);
    }

    private string? SmsTo(string phone) => Kavenegar.SendsTo(phone).Single()["message"];

    private static async Task<string> RequestCodeAsync(HttpClient client, string phone, string fields = "", string? acceptLanguage = null)
    {
        var json = fields.Length == 0 ? $$"""{"phone_number": "{{phone}}"}""" : $$"""{"phone_number": "{{phone}}", {{fields}}}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, ApiClient.RequestOtpPath)
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        if (acceptLanguage is not null)
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        using var response = await client.SendAsync(request);
        var body = await response.JsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return body.GetProperty("code").GetString()!;
    }
}
