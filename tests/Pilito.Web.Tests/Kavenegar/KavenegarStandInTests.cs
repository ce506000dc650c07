using System.Net;
using System.Text.Json;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Kavenegar;

/// <summary>
/// The stand-in's own wire rules, where Pilito cannot reach them (a token with a space, an id from another
/// account): the other tests rely on the stand-in answering as Kavenegar does.
/// </summary>
public sealed class KavenegarStandInTests
{
    private const string Template = "registerverify";

    private KavenegarStandIn _kavenegar = null!;
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _kavenegar = await KavenegarStandIn.StartAsync();
        _kavenegar.AddTemplate(Template);
        _http = new HttpClient { BaseAddress = _kavenegar.BaseUrl };
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _http.Dispose();
        await _kavenegar.DisposeAsync();
    }

    [Test]
    public async Task Lookup_with_an_approved_template_answers_a_message_id_and_cost()
    {
        var (http, body) = await CallAsync("verify/lookup", ("receptor", Phones.NextNational()), ("template", Template), ("token", "4821"));

        Assert.That(http, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Status(body), Is.EqualTo(200));
        var entry = body.GetProperty("entries")[0];
        Assert.That(entry.GetProperty("messageid").GetInt64(), Is.Positive);
        Assert.That(entry.GetProperty("cost").GetInt32(), Is.EqualTo(KavenegarStandIn.CostPerSms));
    }

    [Test]
    public async Task Lookup_with_an_unknown_template_is_424()
    {
        var (http, body) = await CallAsync("verify/lookup", ("receptor", Phones.NextNational()), ("template", "unknown"), ("token", "4821"));

        Assert.That(http, Is.EqualTo((HttpStatusCode)424));
        Assert.That(Status(body), Is.EqualTo(424));
        Assert.That(body.GetProperty("entries").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [TestCase("48 21")]
    [TestCase("48_21")]
    public async Task Lookup_token_with_a_space_or_underscore_is_431(string token)
    {
        var (http, body) = await CallAsync("verify/lookup", ("receptor", Phones.NextNational()), ("template", Template), ("token", token));

        Assert.That(http, Is.EqualTo((HttpStatusCode)431));
        Assert.That(Status(body), Is.EqualTo(431));
    }

    [Test]
    public async Task Status_reports_10_for_its_own_message_100_for_unknown_and_what_was_set()
    {
        var first = await SendAsync();
        var second = await SendAsync();
        _kavenegar.SetDeliveryStatus(second, 11);

        var (_, body) = await CallAsync("sms/status", ("messageid", $"{first},{second},123"));

        var statuses = body.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("status").GetInt32());
        Assert.That(statuses, Is.EqualTo(new[] { 10, 11, 100 }));
    }

    [Test]
    public async Task Status_of_another_account_s_message_is_100()
    {
        var id = await SendAsync();
        _kavenegar.AddAccount("stand-in-other-account", credit: 1000);

        var (_, body) = await CallWithKeyAsync("stand-in-other-account", "sms/status", ("messageid", id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.That(body.GetProperty("entries")[0].GetProperty("status").GetInt32(), Is.EqualTo(100));
    }

    [Test]
    public async Task Account_info_reports_the_credit_of_the_key()
    {
        _kavenegar.AddAccount("stand-in-rich-account", credit: 7_654_321);

        var (_, body) = await CallWithKeyAsync("stand-in-rich-account", "account/info");

        Assert.That(body.GetProperty("entries").GetProperty("remaincredit").GetInt64(), Is.EqualTo(7_654_321));
    }

    [Test]
    public async Task Malformed_json_is_a_200_that_does_not_parse()
    {
        var phone = Phones.NextNational();
        _kavenegar.SetReceptor(phone, new StandInBehaviour.MalformedJson());

        using var response = await _http.PostAsync(Path("sms/send"), Form(("receptor", phone), ("sender", "10008663"), ("message", "x")));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(() => JsonDocument.Parse(text), Throws.InstanceOf<JsonException>());
    }

    [Test]
    public async Task Every_call_is_recorded()
    {
        var before = _kavenegar.Calls.Count;

        await CallAsync("account/info");
        await CallAsync("sms/status", ("messageid", "1"));

        Assert.That(_kavenegar.Calls.Skip(before).Select(c => c.Method), Is.EqualTo(new[] { "account/info", "sms/status" }));
    }

    [Test]
    public async Task Maketts_answers_like_sms_send_and_its_message_can_be_tracked()
    {
        var receptor = Phones.NextNational();

        var (http, body) = await CallAsync("call/maketts", ("receptor", receptor), ("message", "Your code is 4 8 2 1"));

        Assert.That(http, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Status(body), Is.EqualTo(200));
        var entry = body.GetProperty("entries")[0];
        Assert.That(entry.GetProperty("receptor").GetString(), Is.EqualTo(receptor));
        Assert.That(entry.GetProperty("cost").GetInt32(), Is.EqualTo(KavenegarStandIn.CostPerSms));
        var (_, status) = await CallAsync("sms/status", ("messageid", entry.GetProperty("messageid").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(status.GetProperty("entries")[0].GetProperty("status").GetInt32(), Is.EqualTo(KavenegarStandIn.DefaultDeliveryStatus));
    }

    [Test]
    public async Task Maketts_without_a_message_is_400()
    {
        var (http, body) = await CallAsync("call/maketts", ("receptor", Phones.NextNational()));

        Assert.That(http, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(Status(body), Is.EqualTo(400));
    }

    [Test]
    public async Task A_receptor_without_voice_calls_is_428_for_calls_only()
    {
        var receptor = Phones.NextNational();
        _kavenegar.SetReceptor(receptor, new StandInBehaviour.NoVoiceCalls());

        var (_, tts) = await CallAsync("call/maketts", ("receptor", receptor), ("message", "4 8 2 1"));
        var (_, voiceLookup) = await CallAsync("verify/lookup", ("receptor", receptor), ("template", Template), ("token", "4821"), ("type", "call"));
        var (_, smsLookup) = await CallAsync("verify/lookup", ("receptor", receptor), ("template", Template), ("token", "4821"), ("type", "sms"));
        var (_, send) = await CallAsync("sms/send", ("receptor", receptor), ("sender", "10008663"), ("message", "4821"));

        Assert.That(new[] { Status(tts), Status(voiceLookup), Status(smsLookup), Status(send) }, Is.EqualTo(new[] { 428, 428, 200, 200 }));
    }

    private async Task<long> SendAsync()
    {
        var (_, body) = await CallAsync("sms/send", ("receptor", Phones.NextNational()), ("sender", "10008663"), ("message", "test"));
        return body.GetProperty("entries")[0].GetProperty("messageid").GetInt64();
    }

    private Task<(HttpStatusCode Http, JsonElement Body)> CallAsync(string method, params (string Name, string Value)[] form) =>
        CallWithKeyAsync(KavenegarStandIn.ValidKey, method, form);

    private async Task<(HttpStatusCode Http, JsonElement Body)> CallWithKeyAsync(string key, string method, params (string Name, string Value)[] form)
    {
        using var response = await _http.PostAsync(Path(method, key), Form(form));
        return (response.StatusCode, await response.JsonAsync());
    }

    private static string Path(string method, string key = KavenegarStandIn.ValidKey) => $"v1/{key}/{method}.json";

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] form) =>
        new(form.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    private static int Status(JsonElement body) => body.GetProperty("return").GetProperty("status").GetInt32();
}
