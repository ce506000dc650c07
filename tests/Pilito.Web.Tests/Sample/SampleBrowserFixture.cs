using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Sample;

/// <summary>
/// samples/web in Chromium against the real app on a 127.0.0.1 port, in Development (where /sample/ is served). The
/// code is read from the SMS the Kavenegar stand-in received, never from the API's answer: RevealCodes is off, as
/// for any real app.
/// </summary>
public abstract partial class SampleBrowserFixture : StandInFixture
{
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    protected override PilitoApp CreateApp(KavenegarStandIn kavenegar) => DevelopmentApp([]);

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

    /// <summary>An app of its own in Development, sending to the fixture's stand-in, with <paramref name="settings"/>.</summary>
    protected PilitoApp DevelopmentApp(Dictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["Otp:RevealCodes"] = "false"; // the page must work without the code in the answer
        return new PilitoApp(Kavenegar?.BaseUrl ?? throw new InvalidOperationException("no stand-in yet"), settings)
        {
            Environment = "Development",
        };
    }

    /// <summary>A page of its own (English browser) on <paramref name="baseAddress"/>, at /sample/, watched for script errors.</summary>
    protected async Task<(IBrowserContext Context, IPage Page, ConcurrentQueue<string> Problems)> OpenSampleAsync(
        Uri baseAddress, string? initScript = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), Locale = "en-US" });
        if (initScript is not null)
            await context.AddInitScriptAsync(initScript);
        var page = await context.NewPageAsync();
        var problems = new ConcurrentQueue<string>();
        page.PageError += (_, error) => problems.Enqueue(error);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                problems.Enqueue(message.Text);
        };
        await page.GotoAsync("/sample/");
        return (context, page, problems);
    }

    /// <summary>The code in the one SMS the stand-in received for <paramref name="phone"/>.</summary>
    protected string CodeSentTo(string phone)
    {
        var message = Kavenegar.SendsTo(phone).Single()["message"];
        return SmsCode().Match(message ?? string.Empty) is { Success: true } match
            ? match.Value
            : throw new AssertionException($"No code in the SMS to {phone}: {message}");
    }

    protected static ILocator Button(IPage page, string name) =>
        page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex SmsCode();

    [GeneratedRegex("^Code sent\\.")]
    protected static partial Regex CodeSent();
}
