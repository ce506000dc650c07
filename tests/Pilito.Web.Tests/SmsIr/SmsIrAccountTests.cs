using System.Net;
using System.Text.Json;
using Pilito.Application.Admin.CreateStaffAccount;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.SmsIr;

/// <summary>
/// sms.ir's credit (GET credit, counted in SMS) beside Kavenegar's: readiness names each listed provider's figure and
/// is degraded by the worst, and staff see a card per provider.
/// </summary>
public sealed class SmsIrAccountTests : SmsIrFixture
{
    [Test]
    public async Task Readiness_names_each_provider_s_credit()
    {
        await using var app = AppWithSmsIrCredit("smsir-credit-healthy-0001", 1_000m);
        using var client = app.CreateClient();

        var credit = await CreditOnceCheckedAsync(client);

        Assert.That(credit.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
        Assert.That(credit.GetProperty("description").GetString(), Is.EqualTo("Kavenegar: 1,000,000 Rial left; SmsIr: 1,000 SMS left"));
        Assert.That(credit.GetProperty("data").GetProperty("smsir_remaining_credit").GetInt64(), Is.EqualTo(1_000));
        Assert.That(credit.GetProperty("data").GetProperty("kavenegar_remaining_credit").GetInt64(), Is.EqualTo(1_000_000));
    }

    [Test]
    public async Task Low_sms_ir_credit_degrades_readiness_though_Kavenegar_has_plenty()
    {
        await using var app = AppWithSmsIrCredit("smsir-credit-low-000001", 40.7m);
        using var client = app.CreateClient();

        var credit = await CreditOnceCheckedAsync(client);

        Assert.That(credit.GetProperty("status").GetString(), Is.EqualTo("Degraded"));
        Assert.That(credit.GetProperty("description").GetString(), Is.EqualTo("Kavenegar: 1,000,000 Rial left; SmsIr: low credit: 40 SMS left"));
    }

    [TestCase("unknown", "credit unknown: Invalid API key (10)")]
    [TestCase("html", "credit unknown: sms.ir answered HTTP 500 with an unreadable body")]
    [TestCase("text", "credit unknown: sms.ir's credit answer had no figure")]
    [TestCase("negative", "credit unknown: sms.ir's credit answer had no figure")]
    public async Task An_unreadable_or_refused_credit_answer_is_unknown_credit_not_a_failure(string answer, string description)
    {
        var key = "smsir-credit-odd-" + answer;
        await using var app = AppWithSmsIrCredit(answer == "unknown" ? null : key, 1_000m, apiKey: key);
        if (answer != "unknown")
        {
            SmsIr.SetAnswer("credit", answer switch
            {
                "html" => new StandInBehaviour.Html500(),
                "text" => StandInBehaviour.Raw.Json("""{"status":1,"message":"موفق","data":"plenty"}"""),
                _ => StandInBehaviour.Raw.Json("""{"status":1,"message":"موفق","data":-3}"""),
            });
        }

        using var client = app.CreateClient();
        try
        {
            var credit = await CreditOnceCheckedAsync(client);

            Assert.That(credit.GetProperty("status").GetString(), Is.EqualTo("Degraded"));
            Assert.That(credit.GetProperty("description").GetString(), Does.EndWith("SmsIr: " + description));
        }
        finally
        {
            SmsIr.ClearAnswer("credit");
        }
    }

    [Test]
    public async Task Staff_see_a_credit_card_per_provider()
    {
        await using var app = AppWithSmsIrCredit("smsir-credit-cards-0001", 12m);
        using var admin = await Staff.SignedInClientAsync(app, await Staff.CreateAsync(app, StaffRoles.Admin));
        using (var client = app.CreateClient())
            await CreditOnceCheckedAsync(client);

        var dashboard = await admin.GetStringAsync("/admin/");

        Assert.That(dashboard, Does.Contain("id=\"sms-credit\" data-low=\"false\""));
        Assert.That(dashboard, Does.Contain("id=\"sms-credit-smsir\" data-low=\"true\""), "12 SMS is below SmsIr:LowCreditThreshold (100)");
        Assert.That(dashboard.IndexOf("id=\"sms-credit\"", StringComparison.Ordinal),
            Is.LessThan(dashboard.IndexOf("id=\"sms-credit-smsir\"", StringComparison.Ordinal)), "in Sms:Providers order");
    }

    /// <summary>An app on [Kavenegar, SmsIr] whose sms.ir account (<paramref name="key"/>; none: unknown) has this credit.</summary>
    private PilitoApp AppWithSmsIrCredit(string? key, decimal credit, string? apiKey = null)
    {
        if (key is not null)
            SmsIr.AddAccount(key, credit);
        var settings = Providers("Kavenegar", "SmsIr");
        settings["SmsIr:ApiKey"] = apiKey ?? key;
        return NewApp(Kavenegar.BaseUrl, settings);
    }

    /// <summary>The first readiness answer in which every provider's credit was asked.</summary>
    private static async Task<JsonElement> CreditOnceCheckedAsync(HttpClient client)
    {
        JsonElement credit = default;
        await Eventually.HoldsAsync(async () =>
        {
            using var response = await client.GetAsync("/health/ready");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "readiness answers 200 while a credit is unknown");
            credit = (await response.JsonAsync()).GetProperty("checks").GetProperty("sms_credit");
            return !credit.GetProperty("description").GetString()!.Contains("not checked yet", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(30), () => "both providers' first credit answers");
        return credit;
    }
}
