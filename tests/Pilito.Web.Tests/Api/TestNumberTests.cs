using System.Net;
using Pilito.Application.Admin.CreateStaffAccount;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Api;

/// <summary>
/// Otp:TestNumbers (issue #18), for app-store review and QA: a test number's code request answers as usual but sends
/// nothing, only its fixed code verifies, every limit still applies, and each use is logged, counted and marked on
/// the token.
/// </summary>
public sealed class TestNumberTests : StandInFixture
{
    private const string FixedCode = "246810";

    /// <summary>Test numbers are 0919999xxxx here; <see cref="Phones.NextNational"/> hands out 0912 numbers only.</summary>
    private static int _next = 1000;

    private string _phone = null!;

    [SetUp]
    public void NextTestNumber() => _phone = $"0919999{Interlocked.Increment(ref _next):D4}";

    [Test]
    public async Task A_code_request_answers_as_usual_sends_nothing_and_marks_the_token()
    {
        await using var app = AppWithTestNumber(revealCodes: false);
        using var client = app.CreateClient();

        using var response = await client.RequestOtpAsync(_phone);

        var body = await response.JsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.Keys(), Is.EqualTo(new[] { "expires_in", "message", "phone_number", "verification_id" }), "no code: the answer of any number");
        Assert.That(body.GetProperty("message").GetString(), Is.EqualTo("OTP sent successfully"));
        Assert.That(Kavenegar.Calls.Where(c => c["receptor"] == _phone), Is.Empty, "nothing sent");
        var row = await Database.ReadNewestTokenAsync(app, Phones.ToE164(_phone));
        Assert.That(row["Status"], Is.EqualTo("Sent"));
        Assert.That(row["DeliveryProvider"], Is.EqualTo("TestNumber"));
    }

    [Test]
    public async Task Only_the_fixed_code_verifies()
    {
        await using var app = AppWithTestNumber();
        using var client = app.CreateClient();
        var (_, verificationId) = await client.RequestVerificationAsync(_phone);

        using var wrong = await client.VerifyOtpAsync(_phone, "135799", verificationId);
        using var right = await client.VerifyOtpAsync(_phone, FixedCode, verificationId);

        Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(right.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await right.JsonAsync()).TryGetProperty("access_token", out _), Is.True);
    }

    [Test]
    public async Task The_key_may_be_written_in_any_accepted_phone_format()
    {
        await using var app = AppWithTestNumber(key: Phones.InPersianDigits("+98" + _phone[1..]));
        using var client = app.CreateClient();

        await client.RequestVerificationAsync(_phone);
        using var right = await client.VerifyOtpAsync(_phone, FixedCode);

        Assert.That(right.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Kavenegar.Calls.Where(c => c["receptor"] == _phone), Is.Empty);
    }

    [Test]
    public async Task Every_limit_still_applies()
    {
        await using var app = AppWithTestNumber();
        using var client = app.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var sent = await client.RequestOtpAsync(_phone);
            Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var fourth = await client.RequestOtpAsync(_phone);

        Assert.That(fourth.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), "Otp:MaxSendsPerWindow, as for any number");
    }

    [Test]
    public async Task Each_use_is_logged_without_the_code_and_counted()
    {
        await using var app = AppWithTestNumber(revealCodes: false);
        using var client = app.CreateClient();
        using (var requested = await client.RequestOtpAsync(_phone))
            Assert.That(requested.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using (var verified = await client.VerifyOtpAsync(_phone, FixedCode))
            Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var metrics = await client.GetStringAsync("/metrics");

        Assert.That(app.Logs.Lines.Count(l => l.Contains("test number", StringComparison.Ordinal)), Is.EqualTo(2), "the request and the verification");
        Assert.That(app.Logs.All, Does.Not.Contain(FixedCode));
        Assert.That(metrics, Does.Match(Prometheus.Series("pilito_otp_test_numbers_total", "stage=\"requested\"") + " 1\\b"));
        Assert.That(metrics, Does.Match(Prometheus.Series("pilito_otp_test_numbers_total", "stage=\"verified\"") + " 1\\b"));
    }

    [Test]
    public async Task A_test_number_works_even_where_no_SMS_provider_is_configured()
    {
        await using var app = AppWithTestNumber(extra: new() { ["Kavenegar:ApiKey"] = null });
        using var client = app.CreateClient();

        using var response = await client.RequestOtpAsync(_phone);
        using var other = await client.RequestOtpAsync(Phones.NextNational());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "any other number needs the provider");
    }

    [Test]
    public async Task Staff_see_the_token_marked_as_a_test_number()
    {
        await using var app = AppWithTestNumber();
        using var client = app.CreateClient();
        await client.RequestOtpAsync(_phone);
        var id = (long)(await Database.ReadNewestTokenAsync(app, Phones.ToE164(_phone)))["Id"]!;
        using var admin = await Staff.SignedInClientAsync(app, await Staff.CreateAsync(app, StaffRoles.Staff));

        var page = await admin.GetStringAsync(Pilito.Web.Admin.AdminPaths.OtpToken(id));

        Assert.That(page, Does.Contain("id=\"test-number\""));
    }

    private PilitoApp AppWithTestNumber(string? key = null, bool revealCodes = true, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?> { [$"Otp:TestNumbers:{key ?? _phone}"] = FixedCode };
        if (!revealCodes)
            settings["Otp:RevealCodes"] = "false";
        foreach (var (name, value) in extra ?? [])
            settings[name] = value;
        return NewApp(Kavenegar.BaseUrl, settings);
    }
}
