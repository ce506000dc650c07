using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Admin;

/// <summary>
/// The Solar Hijri date picker on the Persian token list (issue #18), in Chromium under the admin pages' CSP: a day
/// picked in it is the filter the server reads. Two tokens are sent three days apart on the app's fake clock.
/// </summary>
[Category(TestSpeed.Browser)]
public sealed partial class PersianDatePickerBrowserTests : StandInFixture
{
    private const string Email = "datepicker-staff@pilito.test";
    private const string TokenList = "/admin/accounts/otptoken/";
    private static readonly TimeZoneInfo Tehran = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tehran");
    private static readonly PersianCalendar Persian = new();

    // Three days back, so that the later token is sent about now: staff cookies are dated by this clock too.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow.AddDays(-3));
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private string _earlierPhone = null!;
    private string _laterPhone = null!;
    private DateTime _laterDay;

    // Development: its cookies are not Secure, which plain http on 127.0.0.1 needs; it also seeds the staff account.
    protected override PilitoApp CreateApp(KavenegarStandIn kavenegar) => new(kavenegar.BaseUrl, new Dictionary<string, string?>
    {
        ["Admin:SeedEmail"] = Email,
        ["Admin:SeedPassword"] = Staff.Password,
    }, clock: _clock) { Environment = "Development" };

    // Chromium needs a real port.
    protected override HttpClient CreateClient(PilitoApp app) => new() { BaseAddress = app.StartOnLoopback() };

    [OneTimeSetUp]
    public async Task SendTokensAndLaunchChromiumAsync()
    {
        _earlierPhone = Phones.NextNational();
        await Client.RequestCodeAsync(_earlierPhone);
        _clock.Advance(TimeSpan.FromDays(3));
        _laterPhone = Phones.NextNational();
        await Client.RequestCodeAsync(_laterPhone);
        _laterDay = TimeZoneInfo.ConvertTime(_clock.GetUtcNow(), Tehran).DateTime;
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

    [TestCase(ColorScheme.Light, "rgb(255, 255, 255)")]
    [TestCase(ColorScheme.Dark, "rgb(33, 37, 41)")]
    public async Task A_day_picked_in_the_Persian_picker_filters_the_token_list(ColorScheme scheme, string background)
    {
        var (year, month, day) = (Persian.GetYear(_laterDay), Persian.GetMonth(_laterDay), Persian.GetDayOfMonth(_laterDay));
        var expected = string.Create(CultureInfo.InvariantCulture, $"{year:0000}/{month:00}/{day:00}");
        await using var context = await NewContextAsync(scheme);
        var page = await context.NewPageAsync();
        var problems = Watch(page);
        await SignInAsync(page);
        await page.GotoAsync($"/admin/culture?culture=fa-IR&returnUrl={Uri.EscapeDataString(TokenList)}");
        var rows = page.Locator("#tokens tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2); // both tokens, before any filter

        // Open the picker on "from", go to the later token's month and pick its day (the calendar shows Persian digits).
        await page.GetByLabel("ایجاد از", new() { Exact = true }).ClickAsync();
        var picker = page.Locator("jdp-container");
        await Assertions.Expect(picker).ToBeVisibleAsync();
        await picker.Locator(".jdp-year select").SelectOptionAsync(year.ToString(CultureInfo.InvariantCulture));
        await picker.Locator(".jdp-month select").SelectOptionAsync(month.ToString(CultureInfo.InvariantCulture));
        Assert.That(await picker.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"), Is.EqualTo(background),
            "the picker follows the colour mode");
        await Browser.ScreenshotAsync(page, $"{scheme}-picker");
        await picker.Locator(".jdp-day:not(.not-in-month)")
            .Filter(new() { HasTextRegex = new Regex($"^{Regex.Escape(PersianDigits(day))}$") }).ClickAsync();

        await Assertions.Expect(page.Locator("#from")).ToHaveValueAsync(expected);
        await Assertions.Expect(picker).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "جستجو" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(FromFilter());
        Assert.That(QueryHelpers.ParseQuery(new Uri(page.Url).Query)["from"].ToString(), Is.EqualTo(expected));
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync(PersianDigits(Phones.ToE164(_laterPhone)));
        await Assertions.Expect(page.Locator("#tokens")).Not.ToContainTextAsync(PersianDigits(Phones.ToE164(_earlierPhone)));
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#from")).ToHaveValueAsync(expected);
        await Browser.ScreenshotAsync(page, $"{scheme}-filtered");
        Assert.That(problems, Is.Empty, "no script error and no CSP violation");
    }

    [Test]
    public async Task The_English_token_list_keeps_the_browser_s_date_input_and_loads_no_picker()
    {
        await using var context = await NewContextAsync(ColorScheme.Light);
        var page = await context.NewPageAsync();
        var problems = Watch(page);
        var requested = new ConcurrentQueue<string>();
        page.Request += (_, request) => requested.Enqueue(request.Url);
        await SignInAsync(page);

        await page.GotoAsync(TokenList);
        await page.GetByLabel("Created from").ClickAsync();

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.Locator("#from")).ToHaveAttributeAsync("type", "date");
        await Assertions.Expect(page.Locator("[data-jdp], jdp-container")).ToHaveCountAsync(0);
        Assert.That(await page.EvaluateAsync<string>("typeof window.jalaliDatepicker"), Is.EqualTo("undefined"));
        Assert.That(requested, Has.None.Contains("datepicker"), "neither the library nor its start-up script");
        Assert.That(problems, Is.Empty, "no script error and no CSP violation");
    }

    private Task<IBrowserContext> NewContextAsync(ColorScheme scheme) => _browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = Client.BaseAddress!.ToString(),
        Locale = "en-US",
        TimezoneId = "Asia/Tehran", // the picker's "today" is the browser's; the filters' days are Tehran's
        ColorScheme = scheme,
    });

    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/admin/login");
        await page.GetByLabel("Email").FillAsync(Email);
        await page.GetByLabel("Password").FillAsync(Staff.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Last 24 hours" })).ToBeVisibleAsync();
    }

    /// <summary>
    /// Script errors and console errors, which include Chromium's report of anything the CSP refused and of a file
    /// that failed to load. Not the 404 of /favicon.ico: Chromium asks for it on its own, and the admin has no icon.
    /// </summary>
    private static ConcurrentQueue<string> Watch(IPage page)
    {
        var problems = new ConcurrentQueue<string>();
        page.PageError += (_, error) => problems.Enqueue(error);
        page.Console += (_, message) =>
        {
            if (message.Location.Contains("/favicon.ico", StringComparison.Ordinal))
                return;
            if (message.Type == "error" || message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                problems.Enqueue($"{message.Type}: {message.Text} ({message.Location})");
        };
        return problems;
    }

    private static string PersianDigits(int number) => PersianDigits(number.ToString(CultureInfo.InvariantCulture));

    private static string PersianDigits(string text) => Phones.InPersianDigits(text);

    [GeneratedRegex("[?&]from=")]
    private static partial Regex FromFilter();
}
