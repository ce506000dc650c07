using System.Net;
using System.Text;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Api;

[TestFixtureSource(typeof(TestProviders), nameof(TestProviders.Both))]
public sealed class RequestOtpTests(TestProvider provider) : StandInFixture(provider)
{
    [Test]
    public async Task Valid_phone_gets_the_Django_success_body_and_one_SMS_with_the_code()
    {
        var phone = Phones.NextNational();

        using var response = await Client.RequestOtpAsync(phone);

        var body = await response.JsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.Keys(), Is.EqualTo(new[] { "code", "expires_in", "message", "phone_number", "verification_id" }));
        Assert.That(body.GetProperty("verification_id").GetString(), Has.Length.GreaterThanOrEqualTo(43), "256 random bits, base64url");
        Assert.That(body.GetProperty("message").GetString(), Is.EqualTo("OTP sent successfully"));
        Assert.That(body.GetProperty("phone_number").GetString(), Is.EqualTo(Phones.ToE164(phone)));
        Assert.That(body.GetProperty("expires_in").GetInt32(), Is.EqualTo(300));
        var code = body.GetProperty("code").GetString()!;
        Assert.That(code, Does.Match("^[0-9]{6}$"));

        var send = Kavenegar.SendsTo(phone).Single();
        Assert.That(send.ApiKey, Is.EqualTo(KavenegarStandIn.ValidKey));
        Assert.That(send["sender"], Is.EqualTo("10008663"));
        Assert.That(send["message"], Does.Contain(code));
    }

    [TestCase("+98912{0}")]
    [TestCase("98912{0}")]
    [TestCase("00989 12{0}")]
    [TestCase("0912-{0}")]
    public async Task Accepted_formats_answer_with_the_canonical_number(string format)
    {
        var national = Phones.NextNational();
        var typed = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, national[4..]);

        using var response = await Client.RequestOtpAsync(typed);

        var body = await response.JsonAsync();
        Assert.That(body.GetProperty("phone_number").GetString(), Is.EqualTo(Phones.ToE164(national)));
        Assert.That(Kavenegar.SendsTo(national), Has.Count.EqualTo(1), "Kavenegar gets the national form");
    }

    [Test]
    public async Task Persian_digits_are_accepted()
    {
        var national = Phones.NextNational();
        var persian = new string([.. national.Select(c => (char)('۰' + (c - '0')))]);

        using var response = await Client.RequestOtpAsync(persian);

        Assert.That((await response.JsonAsync()).GetProperty("phone_number").GetString(), Is.EqualTo(Phones.ToE164(national)));
    }

    [TestCase("02112345678")]
    [TestCase("9123456789")]
    [TestCase("+14155552671")]
    [TestCase("0912345678a")]
    [TestCase("091234567")]
    public async Task Invalid_phone_is_refused_with_the_field_message_and_nothing_is_sent(string phone)
    {
        var callsBefore = Kavenegar.Calls.Count;

        using var response = await Client.RequestOtpAsync(phone);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var body = await response.JsonAsync();
        Assert.That(body.Keys(), Is.EqualTo(new[] { "phone_number" }));
        Assert.That(body.FieldError("phone_number"), Is.EqualTo("Please provide a valid Iranian phone number"));
        Assert.That(Kavenegar.Calls, Has.Count.EqualTo(callsBefore));
    }

    [TestCase("{}", "This field is required.")]
    [TestCase("""{"phone_number": null}""", "This field is required.")]
    [TestCase("""{"phone_number": ""}""", "This field may not be blank.")]
    [TestCase("""{"phone_number": 9123456789}""", "Not a valid string.")]
    [TestCase("""{"phone_number": ["09123456789"]}""", "Not a valid string.")]
    [TestCase("""{"phone_number": {"n": "09123456789"}}""", "Not a valid string.")]
    [TestCase("""{"phone_number": true}""", "Not a valid string.")]
    public async Task Missing_null_or_non_string_phone_is_a_400_keyed_by_phone_number(string json, string message)
    {
        using var response = await Client.PostRawAsync(ApiClient.RequestOtpPath, json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var body = await response.JsonAsync();
        Assert.That(body.Keys(), Is.EqualTo(new[] { "phone_number" }));
        Assert.That(body.FieldError("phone_number"), Is.EqualTo(message));
    }

    [TestCase("""{"phone_number": """, "JSON parse error")]
    [TestCase("not json", "JSON parse error")]
    [TestCase("", "JSON parse error")]
    [TestCase("""["09123456789"]""", "Invalid data. Expected a dictionary, but got list.")]
    [TestCase("\"09123456789\"", "Invalid data. Expected a dictionary, but got str.")]
    public async Task Malformed_body_is_a_400_with_a_detail(string json, string detail)
    {
        using var response = await Client.PostRawAsync(ApiClient.RequestOtpPath, json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(), Does.StartWith(detail));
    }

    [TestCase("text/plain")]
    [TestCase("application/x-www-form-urlencoded")]
    public async Task Wrong_content_type_is_a_415_with_a_detail(string contentType)
    {
        using var response = await Client.PostRawAsync(ApiClient.RequestOtpPath, """{"phone_number": "09123456789"}""", contentType);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(), Does.Contain("Unsupported media type"));
    }

    [Test]
    public async Task Oversized_body_is_a_413()
    {
        var json = $$"""{"phone_number": "09123456789", "padding": "{{new string('x', 10_000)}}"}""";

        using var response = await Client.PostRawAsync(ApiClient.RequestOtpPath, json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(), Does.Contain("too large"));
    }

    [Test]
    public async Task Fourth_request_in_the_window_is_a_429_with_Retry_After_and_sends_nothing()
    {
        var phone = Phones.NextNational();
        for (var i = 0; i < 3; i++)
        {
            using var accepted = await Client.RequestOtpAsync(phone);
            Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var response = await Client.RequestOtpAsync(phone);

        Assert.That(response.StatusCode, Is.EqualTo((HttpStatusCode)429));
        var body = await response.JsonAsync();
        Assert.That(body.FieldError("phone_number"), Is.EqualTo("Too many OTP requests. Please try again in 2 minutes."));
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.That(retryAfter, Is.Not.Null);
        Assert.That(retryAfter!.Value.TotalSeconds, Is.InRange(1, 120));
        Assert.That(Kavenegar.SendsTo(phone), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Token_is_saved_before_the_SMS_leaves_and_updated_with_the_answer_after()
    {
        var phone = Phones.NextNational();
        string? statusDuringSend = null;
        Kavenegar.OnCall = async call =>
        {
            if (call["receptor"] == phone)
                statusDuringSend = await ReadNewestStatusAsync(Phones.ToE164(phone));
        };

        try
        {
            using var response = await Client.RequestOtpAsync(phone);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
        finally
        {
            Kavenegar.OnCall = null;
        }

        Assert.That(statusDuringSend, Is.EqualTo("Pending"));
        Assert.That(await ReadNewestStatusAsync(Phones.ToE164(phone)), Is.EqualTo("Sent"));
    }

    [Test]
    public async Task The_database_holds_a_keyed_hash_of_the_code_never_the_code()
    {
        var phone = Phones.NextNational();
        var code = await Client.RequestCodeAsync(phone);

        await using var connection = await Database.OpenAsync(App);
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT * FROM "OtpTokens" WHERE "PhoneNumber" = @phone""";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "phone";
        parameter.Value = Phones.ToE164(phone);
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.That(await reader.ReadAsync(), Is.True);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var value = reader.GetValue(i);
            var text = value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(text, Does.Not.Contain(code), reader.GetName(i));
        }

        Assert.That((byte[])reader["CodeHash"], Has.Length.EqualTo(32));
    }

    [Test]
    public async Task A_new_code_supersedes_the_earlier_one()
    {
        var phone = Phones.NextNational();
        await Client.RequestCodeAsync(phone);
        await Client.RequestCodeAsync(phone);

        var statuses = await ReadStatusesAsync(Phones.ToE164(phone));

        Assert.That(statuses, Is.EqualTo(new[] { "Sent", "Superseded" }), "newest first");
    }

    private async Task<string?> ReadNewestStatusAsync(string e164) => (await ReadStatusesAsync(e164)).FirstOrDefault();

    private async Task<List<string>> ReadStatusesAsync(string e164) =>
        Enumerable.Reverse(await Database.StatusesAsync(App, e164)).ToList(); // newest first
}
