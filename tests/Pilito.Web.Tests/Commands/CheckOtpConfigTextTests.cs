using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Commands;

/// <summary>
/// `check-otp-config` shows each SMS text as a phone receives it and how many messages it costs: a Persian template
/// is UCS-2, 70 characters a message, and a long one is billed two or three times for every code.
/// </summary>
public sealed class CheckOtpConfigTextTests
{
    private const string LongPersian =
        "کد ورود شما به برنامه پیلیتو: {code} این کد را به هیچ کس، حتی پشتیبانی، ندهید. اعتبار آن پنج دقیقه است.";

    [Test]
    public async Task Each_text_is_shown_with_its_sample_code_encoding_and_message_count()
    {
        await using var app = new PilitoApp(new Uri("http://127.0.0.1:9/"), new Dictionary<string, string?>
        {
            ["Sms:Templates:fa"] = LongPersian,
            ["Sms:Templates:en"] = "Pilito code: {code}",
            ["Sms:AutofillDomain"] = "app.example.ir",
        });

        var result = await OperatorCommand.RunAsync(app, "check-otp-config");

        Assert.That(result.Check("SMS text"), Is.EqualTo(
            "✅ SMS text: 1 message (GSM-7, 62 of 160 characters): \"Your Pilito verification code: 123456 ⏎  ⏎ @app.example.ir #123456\""));
        Assert.That(result.Check("SMS text (en)"), Does.StartWith("✅ SMS text (en): 1 message (GSM-7, 44 of 160 characters)"));
        Assert.That(result.Check("SMS text (fa)"), Does.StartWith("⚠️ SMS text (fa): 2 messages, each billed (UCS-2, ").And.Contain("shorten it to 70"));
        Assert.That(result.ExitCode, Is.Zero, "a long text costs more but is not an error");
    }

    [Test]
    public async Task With_a_price_per_message_each_text_s_cost_per_code_and_per_thousand_is_estimated()
    {
        await using var app = new PilitoApp(new Uri("http://127.0.0.1:9/"), new Dictionary<string, string?>
        {
            ["Sms:Templates:fa"] = LongPersian,
            ["Kavenegar:PricePerMessage"] = "1200",
        });

        var result = await OperatorCommand.RunAsync(app, "check-otp-config");

        Assert.That(result.Check("SMS cost"), Is.EqualTo("✅ SMS cost: about 1,200 Rial a code (1 × 1,200), 1,200,000 Rial per 1,000 codes"));
        Assert.That(result.Check("SMS cost (fa)"), Is.EqualTo("✅ SMS cost (fa): about 2,400 Rial a code (2 × 1,200), 2,400,000 Rial per 1,000 codes"),
            "a Persian text past 70 characters is two billed messages");
    }

    [Test]
    public async Task Without_a_price_the_check_says_how_to_get_an_estimate()
    {
        await using var app = new PilitoApp(new Uri("http://127.0.0.1:9/"));

        var result = await OperatorCommand.RunAsync(app, "check-otp-config");

        Assert.That(result.Check("SMS cost"), Is.EqualTo(
            "✅ SMS cost: no estimate: set Kavenegar:PricePerMessage to the Rial Kavenegar bills per message (its panel's price list)"));
    }

    [Test]
    public async Task With_a_Kavenegar_template_the_panel_holds_the_text_and_none_is_shown()
    {
        await using var app = new PilitoApp(new Uri("http://127.0.0.1:9/"), new Dictionary<string, string?> { ["Kavenegar:Template"] = "pilito-otp" });

        var result = await OperatorCommand.RunAsync(app, "check-otp-config");

        Assert.That(result.Lines.Where(l => l.Contains(" SMS text", StringComparison.Ordinal)), Is.Empty);
    }
}
