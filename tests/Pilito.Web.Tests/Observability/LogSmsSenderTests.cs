using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Observability;

/// <summary>The Log SMS sender shows the code in Development only: a staging server's log is still a server's log.</summary>
public sealed class LogSmsSenderTests
{
    [TestCase("Staging")]
    [TestCase("Testing")]
    [TestCase("Production")]
    public async Task Outside_Development_the_logged_message_masks_the_code(string environment)
    {
        await using var app = new PilitoApp(null, new Dictionary<string, string?>
        {
            ["Otp:RevealCodes"] = environment == "Production" ? "false" : "true",
        }) { Environment = environment };
        using var client = app.CreateClient();
        var phone = Phones.NextNational();

        using var response = await client.RequestOtpAsync(phone);

        var line = app.Logs.Lines.Single(l => l.Contains("not sent, Sms:Provider is Log", StringComparison.Ordinal));
        Assert.That(line, Does.Contain("******"));
        if ((await response.JsonAsync()).TryGetProperty("code", out var code))
            Assert.That(line, Does.Not.Contain(code.GetString()!));
    }

    [Test]
    public async Task Development_shows_the_code_in_the_log()
    {
        await using var app = new PilitoApp(null) { Environment = "Development" };
        using var client = app.CreateClient();

        using var response = await client.RequestOtpAsync(Phones.NextNational());

        var code = (await response.JsonAsync()).GetProperty("code").GetString()!;
        Assert.That(app.Logs.Lines.Single(l => l.Contains("not sent, Sms:Provider is Log", StringComparison.Ordinal)), Does.Contain(code));
    }

    [TestCase("Staging")]
    [TestCase("Production")]
    public async Task Outside_Development_a_logged_call_masks_the_code(string environment)
    {
        await using var app = new PilitoApp(null, new Dictionary<string, string?>
        {
            ["Otp:RevealCodes"] = environment == "Production" ? "false" : "true",
        }) { Environment = environment };
        using var client = app.CreateClient();
        var phone = Phones.NextNational();

        using var response = await client.PostRawAsync(ApiClient.RequestOtpPath, $$"""{"phone_number": "{{phone}}", "channel": "call"}""");

        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK));
        var line = app.Logs.Lines.Single(l => l.Contains("not made, Sms:Provider is Log", StringComparison.Ordinal));
        Assert.That(line, Does.Contain("Your Pilito code is * * * * * *. Again: * * * * * *."));
        if ((await response.JsonAsync()).TryGetProperty("code", out var code))
            Assert.That(line.Replace(" ", string.Empty, StringComparison.Ordinal), Does.Not.Contain(code.GetString()!));
    }

    [Test]
    public async Task Development_shows_a_call_s_spoken_code_in_the_log()
    {
        await using var app = new PilitoApp(null) { Environment = "Development" };
        using var client = app.CreateClient();

        using var response = await client.PostRawAsync(ApiClient.RequestOtpPath, $$"""{"phone_number": "{{Phones.NextNational()}}", "channel": "call"}""");

        var code = (await response.JsonAsync()).GetProperty("code").GetString()!;
        Assert.That(app.Logs.Lines.Single(l => l.Contains("not made, Sms:Provider is Log", StringComparison.Ordinal)),
            Does.Contain(string.Join(' ', code.ToCharArray())));
    }

    [Test]
    public async Task The_log_sender_writes_the_chosen_template_and_the_autofill_lines()
    {
        await using var app = new PilitoApp(null, new Dictionary<string, string?>
        {
            ["Sms:Templates:en"] = "Your sign-in code: {code}",
            ["Sms:AutofillDomain"] = "app.example.ir",
            ["Sms:AndroidAppHash"] = "FA+9qCX9VSu",
        }) { Environment = "Development" };
        using var client = app.CreateClient();

        using var response = await client.PostRawAsync(ApiClient.RequestOtpPath, $$"""{"phone_number": "{{Phones.NextNational()}}", "language": "en"}""");

        var code = (await response.JsonAsync()).GetProperty("code").GetString()!;
        Assert.That(app.Logs.Lines.Single(l => l.Contains("not sent, Sms:Provider is Log", StringComparison.Ordinal)),
            Does.Contain($": Your sign-in code: {code}\n\nFA+9qCX9VSu\n@app.example.ir #{code} ")); // the collector adds " <exception>"
    }

    [Test]
    public async Task Outside_Development_the_webotp_line_masks_the_code_too()
    {
        await using var app = new PilitoApp(null, new Dictionary<string, string?> { ["Sms:AutofillDomain"] = "app.example.ir" })
        {
            Environment = "Staging",
        };
        using var client = app.CreateClient();

        using var response = await client.RequestOtpAsync(Phones.NextNational());

        var line = app.Logs.Lines.Single(l => l.Contains("not sent, Sms:Provider is Log", StringComparison.Ordinal));
        Assert.That(line, Does.Contain(": Your Pilito verification code: ******\n\n@app.example.ir #****** "));
        Assert.That(line, Does.Not.Contain((await response.JsonAsync()).GetProperty("code").GetString()!));
    }
}
