using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Sample;

/// <summary>
/// samples/web in Chromium against the real app on a 127.0.0.1 port, in Development (where /sample/ is served). The
/// code is read from the SMS the Kavenegar stand-in received, never from the API's answer: RevealCodes is off, as
/// for any real app.
/// </summary>
[Category(TestSpeed.Browser)]
public sealed partial class SampleBrowserTests : StandInFixture
{
    private const string ChallengeKey = "sample-tests-challenge-key-0123456789abcdef";
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    protected override PilitoApp CreateApp(KavenegarStandIn kavenegar) => DevelopmentApp(kavenegar, []);

    // Chromium needs a real port.
    protected override HttpClient CreateClient(PilitoApp app) => new() { BaseAddress = app.StartOnLoopback() };

    [OneTimeSetUp]
    public async Task LaunchChromiumAsync() => (_playwright, _browser) = await Browser.LaunchAsync();

    [OneTimeTearDown]
    public async Task CloseChromiumAsync()
    {
        // A launch that failed (no Chromium) leaves these unset.
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
    }

    [Test]
    public async Task A_person_signs_in_with_Persian_digits_sees_their_account_refreshes_and_signs_out()
    {
        var phone = Phones.NextNational();
        await using var context = await NewContextAsync(Client.BaseAddress!);
        var page = await context.NewPageAsync();
        var problems = WatchForScriptErrors(page);
        await page.GotoAsync("/sample/");

        // Persian, right to left; the number typed in Persian digits.
        await page.GetByRole(AriaRole.Button, new() { Name = "فارسی", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await page.GetByLabel("شماره موبایل").FillAsync(Phones.InPersianDigits(phone));
        await page.GetByRole(AriaRole.Button, new() { Name = "ارسال کد", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#code")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#code")).ToHaveAttributeAsync("autocomplete", "one-time-code");
        await Browser.ScreenshotAsync(page, "1-code-fa");

        await page.GetByLabel("کد", new() { Exact = true }).FillAsync(CodeSentTo(phone));
        await page.GetByRole(AriaRole.Button, new() { Name = "تأیید", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#me-phone")).ToHaveTextAsync(Phones.ToE164(phone)); // from GET /me
        await Assertions.Expect(page.Locator("#welcome")).ToHaveTextAsync("خوش آمدید!");
        await Browser.ScreenshotAsync(page, "2-account-fa");

        // English again; a refresh brings a new access token that /me accepts.
        await page.GetByRole(AriaRole.Button, new() { Name = "English", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "ltr");
        var firstToken = await page.Locator("#token-tail").TextContentAsync();
        var refreshed = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Refresh session", Exact = true }).ClickAsync(),
            response => response.Url.EndsWith("/api/v1/usr/token/refresh", StringComparison.Ordinal));
        Assert.That(refreshed.Status, Is.EqualTo(200));
        var refreshToken = (await refreshed.JsonAsync())!.Value.GetProperty("refresh_token").GetString();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Session refreshed.");
        await Assertions.Expect(page.Locator("#token-tail")).Not.ToHaveTextAsync(firstToken!);
        await Assertions.Expect(page.Locator("#me-phone")).ToHaveTextAsync(Phones.ToE164(phone));
        await Browser.ScreenshotAsync(page, "3-refreshed");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("You are signed out.");
        await Assertions.Expect(page.GetByLabel("Mobile number")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#account")).ToBeHiddenAsync();
        await Browser.ScreenshotAsync(page, "4-signed-out");

        // The page signed out on the server, not only in its memory: the last refresh token is refused.
        using var afterSignOut = await Client.PostAsJsonAsync("/api/v1/usr/token/refresh", new { refresh_token = refreshToken });
        Assert.That(afterSignOut.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public async Task When_the_service_asks_for_a_challenge_the_page_solves_it_and_the_code_is_sent()
    {
        // PressureShare 0: every code request counts as under pressure, so the first one is answered 428.
        await using var app = DevelopmentApp(Kavenegar, new()
        {
            ["Challenge:Enabled"] = "true",
            ["Challenge:HmacKey"] = ChallengeKey,
            ["Challenge:MaxNumber"] = "1000",
            ["Challenge:PressureShare"] = "0",
        });
        var phone = Phones.NextNational();
        await using var context = await NewContextAsync(app.StartOnLoopback());
        var page = await context.NewPageAsync();
        var problems = WatchForScriptErrors(page);
        var answers = new ConcurrentQueue<int>();
        var bodies = new ConcurrentQueue<string>();
        page.Response += (_, response) =>
        {
            if (response.Url.EndsWith("/api/v1/usr/otp", StringComparison.Ordinal))
                answers.Enqueue(response.Status);
        };
        page.Request += (_, request) =>
        {
            if (request.Url.EndsWith("/api/v1/usr/otp", StringComparison.Ordinal))
                bodies.Enqueue(request.PostData ?? string.Empty);
        };
        await page.GotoAsync("/sample/");

        await page.GetByLabel("Mobile number").FillAsync(phone);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send code", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(CodeSent());
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(CodeSentTo(phone));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#me-phone")).ToHaveTextAsync(Phones.ToE164(phone));
        await Browser.ScreenshotAsync(page, "signed-in-after-challenge");

        Assert.That(answers, Is.EqualTo(new[] { 428, 200 }), "asked for a challenge once, then the code went out");
        Assert.That(bodies.Last(), Does.Contain("\"altcha\":"), "the second request carried the solution");
        Assert.That(Kavenegar.SendsTo(phone), Has.Count.EqualTo(1));
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public async Task A_second_code_too_soon_shows_the_wait_and_keeps_the_button_off_until_it_has_passed()
    {
        await using var app = DevelopmentApp(Kavenegar, new() { ["Otp:MaxSendsPerWindow"] = "1" });
        var phone = Phones.NextNational();
        await using var context = await NewContextAsync(app.StartOnLoopback());
        var page = await context.NewPageAsync();
        var problems = WatchForScriptErrors(page);
        await page.GotoAsync("/sample/");
        await page.GetByLabel("Mobile number").FillAsync(phone);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send code", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(CodeSent());

        var refused = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Send a new code", Exact = true }).ClickAsync(),
            response => response.Url.EndsWith("/api/v1/usr/otp", StringComparison.Ordinal));

        Assert.That(refused.Status, Is.EqualTo(429));
        var retryAfter = int.Parse(refused.Headers["retry-after"], System.Globalization.CultureInfo.InvariantCulture);
        await Assertions.Expect(page.Locator("#wait")).ToHaveTextAsync(WaitSeconds());
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send a new code", Exact = true })).ToBeDisabledAsync();
        var shown = int.Parse(WaitSeconds().Match(await page.Locator("#wait").TextContentAsync() ?? string.Empty).Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(shown, Is.InRange(1, retryAfter), "the countdown starts from Retry-After");
        await Browser.ScreenshotAsync(page, "wait");
        Assert.That(Kavenegar.SendsTo(phone), Has.Count.EqualTo(1), "no retry behind the person's back");
        Assert.That(problems, Is.Empty);
    }

    /// <summary>Uncaught errors and Content-Security-Policy refusals the page causes, as they happen.</summary>
    private static ConcurrentQueue<string> WatchForScriptErrors(IPage page)
    {
        var problems = new ConcurrentQueue<string>();
        page.PageError += (_, error) => problems.Enqueue(error);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                problems.Enqueue(message.Text);
        };
        return problems;
    }

    private static PilitoApp DevelopmentApp(KavenegarStandIn kavenegar, Dictionary<string, string?> settings)
    {
        settings["Otp:RevealCodes"] = "false"; // the page must work without the code in the answer
        return new PilitoApp(kavenegar.BaseUrl, settings) { Environment = "Development" };
    }

    private Task<IBrowserContext> NewContextAsync(Uri baseAddress) =>
        _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), Locale = "en-US" });

    /// <summary>The code in the one SMS the stand-in received for <paramref name="phone"/>.</summary>
    private string CodeSentTo(string phone)
    {
        var message = Kavenegar.SendsTo(phone).Single()["message"];
        return SmsCode().Match(message ?? string.Empty) is { Success: true } match
            ? match.Value
            : throw new AssertionException($"No code in the SMS to {phone}: {message}");
    }

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex SmsCode();

    [GeneratedRegex("Try again in ([0-9]+) s\\.")]
    private static partial Regex WaitSeconds();

    [GeneratedRegex("^Code sent\\.")]
    private static partial Regex CodeSent();
}
