using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Admin;

/// <summary>Two-factor enrolment and sign-in through the real pages in Chromium, as an Admin meets them the first time.</summary>
[Category(TestSpeed.Browser)]
public sealed partial class StaffTwoFactorBrowserTests : StandInFixture
{
    private const string Email = "browser-admin-2fa@pilito.test";
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private string _baseUrl = null!;

    // Development for non-Secure cookies over http on 127.0.0.1 (it also seeds the Admin account); two-factor required
    // as it is everywhere else.
    protected override PilitoApp CreateApp(KavenegarStandIn kavenegar) => new(kavenegar.BaseUrl, new Dictionary<string, string?>
    {
        ["Admin:SeedEmail"] = Email,
        ["Admin:SeedPassword"] = Staff.Password,
        ["Admin:RequireTwoFactor"] = "true",
    }) { Environment = "Development" };

    protected override HttpClient CreateClient(PilitoApp app) => new() { BaseAddress = app.StartOnLoopback() };

    [OneTimeSetUp]
    public async Task LaunchChromiumAsync()
    {
        _baseUrl = Client.BaseAddress!.ToString();
        (_playwright, _browser) = await Browser.LaunchAsync();
    }

    [OneTimeTearDown]
    public async Task CloseChromiumAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
    }

    [Test]
    public async Task An_admin_enrols_an_authenticator_at_first_sign_in_and_then_needs_its_code()
    {
        await using var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _baseUrl, Locale = "en-US" });
        var page = await context.NewPageAsync();

        // First sign-in: the password opens only the enrolment page.
        await SignInWithPasswordAsync(page);
        await Assertions.Expect(page).ToHaveURLAsync(EnrolmentUrl());
        await page.GotoAsync("/admin/diagnostics/");
        await Assertions.Expect(page).ToHaveURLAsync(EnrolmentUrl());
        var qr = page.Locator("#qr-code");
        await Assertions.Expect(qr).ToBeVisibleAsync();
        Assert.That(await qr.EvaluateAsync<int>("img => img.naturalWidth"), Is.GreaterThan(0), "the CSP let the QR code's data URI load");
        await Browser.ScreenshotAsync(page, "1-enrol");

        // Enrol with a code computed from the key the page shows.
        var key = (await page.Locator("#shared-key").InnerTextAsync()).Replace(" ", string.Empty, StringComparison.Ordinal);
        await page.GetByPlaceholder("Code").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn two-factor sign-in on" }).ClickAsync();
        await Assertions.Expect(page.Locator(".recovery-code")).ToHaveCountAsync(10);
        await Browser.ScreenshotAsync(page, "2-recovery-codes");
        await page.GetByRole(AriaRole.Link, new() { Name = "Diagnostics" }).ClickAsync();
        await Assertions.Expect(page.Locator("#checks")).ToBeVisibleAsync();

        // Sign out and in again: now the password leads to the code page, and the code to the dashboard.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await SignInWithPasswordAsync(page);
        await Assertions.Expect(page).ToHaveURLAsync(SecondStepUrl());
        await Browser.ScreenshotAsync(page, "3-second-step");
        // The next step's code: each code is accepted once, and the enrolment may have used this step's.
        await page.GetByLabel("Code").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Last 24 hours" })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "4-dashboard");

        // The enrolment page in Persian, right to left.
        await page.GotoAsync("/admin/account/two-factor/");
        await page.Locator("#language-switch").ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ورود دومرحله‌ای" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#recovery-codes-left")).ToHaveTextAsync("۱۰"); // ten left, in Persian digits
        await Browser.ScreenshotAsync(page, "5-persian");
    }

    private static async Task SignInWithPasswordAsync(IPage page)
    {
        await page.GotoAsync("/admin/login");
        await page.GetByLabel("Email").FillAsync(Email);
        await page.GetByLabel("Password").FillAsync(Staff.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    [GeneratedRegex("/admin/account/two-factor/$")]
    private static partial Regex EnrolmentUrl();

    [GeneratedRegex("/admin/login/two-factor")]
    private static partial Regex SecondStepUrl();
}
