using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Sample;

/// <summary>The sample follows docs/clients.md's retry rules: it shows waits and never resends a code by itself.</summary>
[Category(TestSpeed.Browser)]
public sealed partial class SampleRetryBrowserTests : SampleBrowserFixture
{
    private const string OtpPath = "/api/v1/usr/otp";

    [Test]
    public async Task A_second_code_too_soon_shows_the_wait_and_keeps_the_button_off()
    {
        await using var app = DevelopmentApp(new() { ["Otp:MaxSendsPerWindow"] = "1" });
        var phone = Phones.NextNational();
        var (context, page, problems) = await OpenSampleAsync(app.StartOnLoopback());
        await using var _ = context;
        await page.GetByLabel("Mobile number").FillAsync(phone);
        await Button(page, "Send code").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(CodeSent());

        var refused = await page.RunAndWaitForResponseAsync(() => Button(page, "Send a new code").ClickAsync(),
            response => response.Url.EndsWith(OtpPath, StringComparison.Ordinal));

        Assert.That(refused.Status, Is.EqualTo(429));
        var retryAfter = int.Parse(refused.Headers["retry-after"], CultureInfo.InvariantCulture);
        await Assertions.Expect(page.Locator("#wait")).ToHaveTextAsync(TryAgainIn());
        await Assertions.Expect(Button(page, "Send a new code")).ToBeDisabledAsync();
        var shown = TryAgainIn().Match(await page.Locator("#wait").TextContentAsync() ?? string.Empty).Groups[1].Value;
        Assert.That(int.Parse(shown, CultureInfo.InvariantCulture), Is.InRange(1, retryAfter), "the countdown starts from Retry-After");
        await Browser.ScreenshotAsync(page, "wait");
        Assert.That(Kavenegar.SendsTo(phone), Has.Count.EqualTo(1));
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public async Task When_the_SMS_provider_times_out_the_page_waits_for_the_code_and_does_not_resend()
    {
        var phone = Phones.NextNational();
        Kavenegar.SetReceptor(phone, new StandInBehaviour.Hang()); // 504 after Kavenegar:Timeout (2 s here)
        var (context, page, problems) = await OpenSampleAsync(Client.BaseAddress!);
        await using var _ = context;
        var requests = 0;
        page.Request += (_, request) =>
        {
            if (request.Url.EndsWith(OtpPath, StringComparison.Ordinal))
                Interlocked.Increment(ref requests);
        };
        await page.GetByLabel("Mobile number").FillAsync(phone);

        var answer = await page.RunAndWaitForResponseAsync(() => Button(page, "Send code").ClickAsync(),
            response => response.Url.EndsWith(OtpPath, StringComparison.Ordinal));

        Assert.That(answer.Status, Is.EqualTo(504));
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("a code may still arrive");
        await Assertions.Expect(page.GetByLabel("Code", new() { Exact = true })).ToBeVisibleAsync(); // the SMS may come
        await Assertions.Expect(page.Locator("#wait")).ToHaveTextAsync(AskAgainIn());
        await Assertions.Expect(Button(page, "Send a new code")).ToBeDisabledAsync();
        await Browser.ScreenshotAsync(page, "timed-out");
        Assert.That(Volatile.Read(ref requests), Is.EqualTo(1), "a 504 is never retried by the page");
        Assert.That(problems, Is.Empty);
    }

    [GeneratedRegex("Try again in ([0-9]+) s\\.")]
    private static partial Regex TryAgainIn();

    [GeneratedRegex("You can ask for a new code in [0-9]+ s\\.")]
    private static partial Regex AskAgainIn();
}
