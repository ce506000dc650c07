using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Admin;

/// <summary>The admin pages in a real browser (Chromium), against the app on a real 127.0.0.1 port.</summary>
[Category(TestSpeed.Browser)]
public sealed partial class AdminBrowserTests : StandInFixture
{
    private const string Email = "browser-staff@pilito.test";
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private string _baseUrl = null!;

    // Development: its cookies are not Secure, which plain http on 127.0.0.1 needs; it also seeds the staff account.
    protected override PilitoApp CreateApp(KavenegarStandIn kavenegar) => new(kavenegar.BaseUrl, new Dictionary<string, string?>
    {
        ["Admin:SeedEmail"] = Email,
        ["Admin:SeedPassword"] = Staff.Password,
    }) { Environment = "Development" };

    // Chromium needs a real port.
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
        // A launch that failed (no Chromium) leaves these unset.
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
    }

    [TestCase(ColorScheme.Dark, "dark", "rgb(33, 37, 41)")]
    [TestCase(ColorScheme.Light, "light", "rgb(255, 255, 255)")]
    public async Task The_admin_follows_the_browser_s_dark_or_light_preference(ColorScheme scheme, string theme, string background)
    {
        await using var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _baseUrl, Locale = "en-US", ColorScheme = scheme });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/admin/login");

        Assert.That(await page.EvaluateAsync<string>("document.documentElement.getAttribute('data-bs-theme')"), Is.EqualTo(theme));
        Assert.That(await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor"), Is.EqualTo(background));
        await Browser.ScreenshotAsync(page, theme);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = scheme == ColorScheme.Dark ? ColorScheme.Light : ColorScheme.Dark });
        // A change of preference applies while the page is open (Playwright waits for the attribute, up to its timeout).
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-bs-theme", theme == "dark" ? "light" : "dark");
    }

    [Test]
    public async Task Staff_find_a_token_invalidate_it_and_read_the_page_in_Persian()
    {
        var phone = Phones.NextNational();
        var e164 = Phones.ToE164(phone);
        var code = await Client.RequestCodeAsync(phone);
        await using var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _baseUrl, Locale = "en-US" });
        var page = await context.NewPageAsync();

        // Sign in: the dashboard sends an anonymous visitor to the login page first.
        await page.GotoAsync("/admin/");
        await Assertions.Expect(page).ToHaveURLAsync(LoginUrl());
        await Browser.ScreenshotAsync(page, "1-login");
        await page.GetByLabel("Email").FillAsync(Email);
        await page.GetByLabel("Password").FillAsync(Staff.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Last 24 hours" })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "2-dashboard");

        // Search by phone typed in Persian digits; the token sent by the API is there.
        await page.GetByRole(AriaRole.Link, new() { Name = "OTP tokens" }).ClickAsync();
        await page.GetByLabel("Phone number").FillAsync(Phones.InPersianDigits(phone));
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        var rows = page.Locator("#tokens tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync(e164);
        await Assertions.Expect(rows.First).ToContainTextAsync("Sent");
        await Browser.ScreenshotAsync(page, "3-search");

        // Filter by status: the filters stay in the link.
        await page.GetByLabel("Status").SelectOptionAsync("Sent");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("status=Sent"));
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await page.GetByLabel("Status").SelectOptionAsync("Verified");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("status=Verified"));
        await Assertions.Expect(rows).ToHaveCountAsync(0);
        await Browser.ScreenshotAsync(page, "4-filter");

        // Open the token and invalidate it.
        await page.GetByLabel("Status").SelectOptionAsync("Sent");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = e164 }).ClickAsync();
        await Assertions.Expect(page.Locator("#token")).ToContainTextAsync("Sent");
        await Browser.ScreenshotAsync(page, "5-token");
        await page.GetByRole(AriaRole.Button, new() { Name = "Invalidate this code" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("invalidated");
        await Assertions.Expect(page.Locator("#token")).ToContainTextAsync("Revoked");
        await Browser.ScreenshotAsync(page, "6-invalidated");

        // The API now refuses that code.
        using (var verify = await Client.VerifyOtpAsync(phone, code))
            Assert.That(verify.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));

        // Persian: right to left, a Solar Hijri date (year 14xx in Persian digits), the phone in Persian digits.
        await page.Locator("#language-switch").ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Assertions.Expect(page.Locator("link[rel=stylesheet]").First).ToHaveAttributeAsync("href", new Regex("bootstrap\\.rtl"));
        await Assertions.Expect(page.Locator("#token")).ToContainTextAsync(SolarHijriDate());
        await Assertions.Expect(page.Locator("#token")).ToContainTextAsync(Phones.InPersianDigits(e164));
        await Assertions.Expect(page.Locator("#token")).ToContainTextAsync("باطل‌شده");
        await Browser.ScreenshotAsync(page, "7-persian");
        await page.GetByRole(AriaRole.Link, new() { Name = "کدهای یک‌بار مصرف" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Browser.ScreenshotAsync(page, "8-persian-list");
        await page.GetByRole(AriaRole.Link, new() { Name = "حساب‌های تلفنی" }).ClickAsync();
        await Browser.ScreenshotAsync(page, "9-persian-accounts");

        // Sign out: back to the login page, and the admin pages are closed again.
        await page.GetByRole(AriaRole.Button, new() { Name = "خروج" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(LoginUrl());
        await page.GotoAsync("/admin/accounts/otptoken/");
        await Assertions.Expect(page).ToHaveURLAsync(LoginUrl());
        await Browser.ScreenshotAsync(page, "10-signed-out");
    }

    [Test]
    public async Task Staff_check_a_delivery_status_and_run_the_diagnostics()
    {
        var phone = Phones.NextNational();
        var e164 = Phones.ToE164(phone);
        await Client.RequestCodeAsync(phone);
        await using var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _baseUrl, Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/login");
        await page.GetByLabel("Email").FillAsync(Email);
        await page.GetByLabel("Password").FillAsync(Staff.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#sms-credit")).ToContainTextAsync("Rial");
        await Browser.ScreenshotAsync(page, "1-dashboard-credit");

        // Open the token and ask Kavenegar what became of its SMS: the stand-in says 10, delivered.
        await page.GotoAsync($"/admin/accounts/otptoken/?q={phone}");
        await page.GetByRole(AriaRole.Link, new() { Name = e164 }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Check delivery status" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Kavenegar was asked");
        await Assertions.Expect(page.Locator("#delivery")).ToContainTextAsync("Delivered");
        await Browser.ScreenshotAsync(page, "2-delivery-status");

        // Diagnostics from the menu: the offline checks, then the live probe, then a test SMS.
        await page.GetByRole(AriaRole.Link, new() { Name = "Diagnostics" }).ClickAsync();
        await Assertions.Expect(page.Locator("#checks")).ToContainTextAsync("OTP settings");
        await Assertions.Expect(page.Locator("#checks")).Not.ToContainTextAsync(KavenegarStandIn.ValidKey);
        await Browser.ScreenshotAsync(page, "3-diagnostics");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check Kavenegar now" }).ClickAsync();
        await Assertions.Expect(page.Locator("#checks")).ToContainTextAsync("Kavenegar reachable");
        await Browser.ScreenshotAsync(page, "4-diagnostics-online");
        var receptor = Phones.NextNational();
        await page.GetByLabel("Receptor").FillAsync(receptor);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the test SMS" }).ClickAsync();
        await Assertions.Expect(page.Locator(".test-sms-attempt")).ToHaveAttributeAsync("data-success", "true");
        var messageId = Kavenegar.MessagesTo(receptor).Single().MessageId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Assertions.Expect(page.Locator(".message-id")).ToHaveTextAsync(messageId);
        await Browser.ScreenshotAsync(page, "5-test-sms");

        // Persian: right to left, translated check names.
        await page.Locator("#language-switch").ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Assertions.Expect(page.Locator("#checks")).ToContainTextAsync("تنظیمات کد یک‌بار مصرف");
        await Browser.ScreenshotAsync(page, "6-diagnostics-persian");
    }

    [GeneratedRegex("/admin/login")]
    private static partial Regex LoginUrl();

    // ۱۴۰۴/۰۹/۰۴ …: years 1400–1499 of the Solar Hijri calendar are 2021–2121.
    [GeneratedRegex("۱۴[۰-۹]{2}/[۰-۹]{2}/[۰-۹]{2} [۰-۹]{2}:[۰-۹]{2}:[۰-۹]{2}")]
    private static partial Regex SolarHijriDate();
}
