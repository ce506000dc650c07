using System.Net;
using System.Text.RegularExpressions;
using Pilito.Application.Admin.CreateStaffAccount;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.SmsIr;

/// <summary>With two providers, staff see which one sent or refused each code: on the token, in the list, on the dashboard.</summary>
public sealed partial class ProviderAdminPagesTests : SmsIrFixture
{
    private HttpClient _admin = null!;

    protected override PilitoApp CreateApp(KavenegarStandIn kavenegar) => NewApp(kavenegar.BaseUrl, Providers("Kavenegar", "SmsIr"));

    [OneTimeSetUp]
    public async Task SignInAnAdminAsync() => _admin = await Staff.SignedInClientAsync(App, await Staff.CreateAsync(App, StaffRoles.Admin));

    [OneTimeTearDown]
    public void SignOut() => _admin?.Dispose();

    [Test]
    public async Task Token_page_and_list_name_the_provider_that_sent_the_code_after_a_failover()
    {
        var phone = Phones.NextNational();
        Kavenegar.SetReceptor(phone, new StandInBehaviour.Status(418));
        using var response = await Client.RequestOtpAsync(phone);
        var id = (long)(await Database.ReadNewestTokenAsync(App, Phones.ToE164(phone)))["Id"]!;

        var details = await _admin.GetStringAsync(Pilito.Web.Admin.AdminPaths.OtpToken(id));
        var list = await _admin.GetStringAsync(Pilito.Web.Admin.AdminPaths.OtpTokens + "?q=" + Uri.EscapeDataString(phone));

        Assert.That(Row(details, "SMS provider"), Is.EqualTo("SmsIr"));
        Assert.That(Row(details, "Provider status"), Is.EqualTo("1"));
        var cells = Cells(TokenRows().Match(list).Value);
        Assert.That(cells[5..7], Is.EqualTo(new[] { "SmsIr", "1" }), "provider, then its status");
    }

    [Test]
    public async Task Dashboard_counts_failures_by_provider_and_code()
    {
        await using var app = NewApp(Kavenegar.BaseUrl, Providers("SmsIr"));
        using var client = app.CreateClient();
        var phone = Phones.NextNational();
        SmsIr.SetMobile(phone, new StandInBehaviour.Status(102));
        using var failed = await client.RequestOtpAsync(phone);
        Assert.That(failed.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        using var admin = await Staff.SignedInClientAsync(app, await Staff.CreateAsync(app, StaffRoles.Admin));

        var dashboard = await admin.GetStringAsync("/admin/");

        var section = FailuresSection().Match(dashboard).Value;
        Assert.That(Cells(section), Is.EqualTo(new[] { "SmsIr", "102", "1" }));
    }

    [Test]
    public async Task An_admin_sends_a_test_sms_through_sms_ir_from_the_diagnostics_page()
    {
        var phone = Phones.NextNational();
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await Staff.AntiforgeryTokenAsync(_admin, "/admin/diagnostics/"),
            ["TestSms.Receptor"] = phone,
            ["TestSms.Method"] = "send",
            ["TestSms.Provider"] = "SmsIr",
        };

        using var posted = await _admin.PostAsync(new Uri("/admin/diagnostics/?handler=TestSms", UriKind.Relative), new FormUrlEncodedContent(form));
        var page = await posted.Content.ReadAsStringAsync();

        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page, Does.Contain("data-provider=\"SmsIr\""));
        Assert.That(page, Does.Contain("<code>send/verify</code>"));
        Assert.That(SmsIr.VerifiesTo(phone), Has.Count.EqualTo(1));
        Assert.That(Kavenegar.SendsTo(phone), Is.Empty);
    }

    private static string? Row(string page, string label)
    {
        var match = Regex.Match(page, "<th[^>]*>" + Regex.Escape(label) + "</th>\\s*<td[^>]*>(.*?)</td>", RegexOptions.Singleline);
        return match.Success ? WebUtility.HtmlDecode(Regex.Replace(match.Groups[1].Value, "<[^>]+>", string.Empty)).Trim() : null;
    }

    private static string[] Cells(string html) =>
        [.. Regex.Matches(html, "<td[^>]*>(.*?)</td>", RegexOptions.Singleline)
            .Select(m => WebUtility.HtmlDecode(Regex.Replace(m.Groups[1].Value, "<[^>]+>", string.Empty)).Trim())];

    [GeneratedRegex("<tbody>.*?</tbody>", RegexOptions.Singleline)]
    private static partial Regex TokenRows();

    [GeneratedRegex("<section[^>]*aria-labelledby=\"failures-title\".*?</section>", RegexOptions.Singleline)]
    private static partial Regex FailuresSection();
}
