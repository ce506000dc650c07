using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Sample;

/// <summary>The sample's happy paths: sign in (Persian and English), refresh, sign out; the challenge; WebOTP.</summary>
[Category(TestSpeed.Browser)]
public sealed class SampleSignInBrowserTests : SampleBrowserFixture
{
    private const string ChallengeKey = "sample-tests-challenge-key-0123456789abcdef";

    // Chromium on a desktop has no phone to read an SMS from: this stands in for WebOTP, records what the page asked
    // for, and hands over the code the test gives it (window.__otp.deliver).
    private const string WebOtpStandIn = """
        window.OTPCredential ??= function OTPCredential() {};
        window.__otp = { asked: null, deliver: null };
        Object.defineProperty(navigator.credentials, 'get', { value: (options) => {
          window.__otp.asked = { transport: options?.otp?.transport, signal: options?.signal instanceof AbortSignal };
          return new Promise((resolve, reject) => {
            window.__otp.deliver = (code) => resolve({ type: 'otp', code });
            options?.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')));
          });
        } });
        """;

    [Test]
    public async Task A_person_signs_in_with_Persian_digits_sees_their_account_refreshes_and_signs_out()
    {
        var phone = Phones.NextNational();
        var (context, page, problems) = await OpenSampleAsync(Client.BaseAddress!);
        await using var _ = context;

        // Persian, right to left; the number and the code typed in Persian digits.
        await Button(page, "فارسی").ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await page.GetByLabel("شماره موبایل").FillAsync(Phones.InPersianDigits(phone));
        await Button(page, "ارسال کد").ClickAsync();
        await Assertions.Expect(page.Locator("#code")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#code")).ToHaveAttributeAsync("autocomplete", "one-time-code");
        await Browser.ScreenshotAsync(page, "1-code-fa");

        await page.GetByLabel("کد", new() { Exact = true }).FillAsync(Phones.InPersianDigits(CodeSentTo(phone))); // as typed
        await Button(page, "تأیید").ClickAsync();
        await Assertions.Expect(page.Locator("#me-phone")).ToHaveTextAsync(Phones.ToE164(phone)); // from GET /me
        await Assertions.Expect(page.Locator("#welcome")).ToHaveTextAsync("خوش آمدید!");
        await Browser.ScreenshotAsync(page, "2-account-fa");

        // English again; a refresh brings a new access token that /me accepts.
        await Button(page, "English").ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "ltr");
        var firstToken = await page.Locator("#token-tail").TextContentAsync();
        var refreshed = await page.RunAndWaitForResponseAsync(() => Button(page, "Refresh session").ClickAsync(),
            response => response.Url.EndsWith("/api/v1/usr/token/refresh", StringComparison.Ordinal));
        Assert.That(refreshed.Status, Is.EqualTo(200));
        var refreshToken = (await refreshed.JsonAsync())!.Value.GetProperty("refresh_token").GetString();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Session refreshed.");
        await Assertions.Expect(page.Locator("#token-tail")).Not.ToHaveTextAsync(firstToken!);
        await Assertions.Expect(page.Locator("#me-phone")).ToHaveTextAsync(Phones.ToE164(phone));
        await Browser.ScreenshotAsync(page, "3-refreshed");

        await Button(page, "Sign out").ClickAsync();
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
        await using var app = DevelopmentApp(new()
        {
            ["Challenge:Enabled"] = "true",
            ["Challenge:HmacKey"] = ChallengeKey,
            ["Challenge:MaxNumber"] = "1000",
            ["Challenge:PressureShare"] = "0",
        });
        var phone = Phones.NextNational();
        var (context, page, problems) = await OpenSampleAsync(app.StartOnLoopback());
        await using var _ = context;
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

        await page.GetByLabel("Mobile number").FillAsync(phone);
        await Button(page, "Send code").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(CodeSent());
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(CodeSentTo(phone));
        await Button(page, "Verify").ClickAsync();
        await Assertions.Expect(page.Locator("#me-phone")).ToHaveTextAsync(Phones.ToE164(phone));
        await Browser.ScreenshotAsync(page, "signed-in-after-challenge");

        Assert.That(answers, Is.EqualTo(new[] { 428, 200 }), "asked for a challenge once, then the code went out");
        Assert.That(bodies.Last(), Does.Contain("\"altcha\":"), "the second request carried the solution");
        Assert.That(Kavenegar.SendsTo(phone), Has.Count.EqualTo(1));
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public async Task WebOTP_fills_the_code_in_and_the_page_signs_in_without_typing()
    {
        var phone = Phones.NextNational();
        var (context, page, problems) = await OpenSampleAsync(Client.BaseAddress!, WebOtpStandIn);
        await using var _ = context;

        await page.GetByLabel("Mobile number").FillAsync(phone);
        await Button(page, "Send code").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(CodeSent());
        var asked = await page.EvaluateAsync<JsonElement>("window.__otp.asked");
        await page.EvaluateAsync("code => window.__otp.deliver(code)", CodeSentTo(phone));

        await Assertions.Expect(page.Locator("#me-phone")).ToHaveTextAsync(Phones.ToE164(phone));
        Assert.That(asked.GetProperty("transport").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "sms" }));
        Assert.That(asked.GetProperty("signal").GetBoolean(), Is.True, "an AbortController ends the request once it is moot");
        Assert.That(problems, Is.Empty);
    }
}
