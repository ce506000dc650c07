using System.Net;
using System.Text;
using Pilito.Application.Admin.CreateStaffAccount;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Admin;

/// <summary>The token list exported as CSV with the current filters (issue #18): what staff see, for a spreadsheet.</summary>
public sealed class TokenCsvExportTests : StandInFixture
{
    private HttpClient _staff = null!;

    [OneTimeSetUp]
    public async Task SignInAsync() => _staff = await Staff.SignedInClientAsync(App, await Staff.CreateAsync(App, StaffRoles.Staff));

    [OneTimeTearDown]
    public void SignOut() => _staff?.Dispose();

    [Test]
    public async Task The_export_is_a_csv_file_of_the_filtered_tokens_with_formulas_defused()
    {
        var phone = Phones.NextNational();
        await Client.RequestCodeAsync(phone);
        var id = (long)(await Database.ReadNewestTokenAsync(App, Phones.ToE164(phone)))["Id"]!;

        using var response = await _staff.GetAsync(new Uri($"{Pilito.Web.Admin.AdminPaths.OtpTokens}?handler=Csv&q={phone}", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/csv"));
        Assert.That(response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName,
            Does.Match(@"^otp-tokens-\d{8}-\d{4}\.csv$"));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.That(bytes[..3], Is.EqualTo(Encoding.UTF8.GetPreamble()), "a BOM for spreadsheets");
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Is.EqualTo("id,phone_number,status,created_at,expires_at,attempts,provider,provider_status,message_id,delivery_status,verified_at"));
        Assert.That(lines, Has.Length.EqualTo(2), "the filter's one token");
        var cells = lines[1].Split(',');
        Assert.That(cells[0], Is.EqualTo(id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(cells[1], Is.EqualTo("\"'" + Phones.ToE164(phone) + "\""), "a leading + would make a spreadsheet formula");
        Assert.That(cells[2..3], Is.EqualTo(new[] { "Sent" }));
        Assert.That(cells[3], Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"));
        Assert.That(cells[6], Is.EqualTo("Kavenegar"));
    }

    [Test]
    public async Task The_status_filter_applies_to_the_export()
    {
        var sent = Phones.NextNational();
        var failed = Phones.NextNational();
        Kavenegar.SetReceptor(failed, new StandInBehaviour.Status(418));
        await Client.RequestCodeAsync(sent);
        using (await Client.RequestOtpAsync(failed)) { }

        var csv = await _staff.GetStringAsync(new Uri($"{Pilito.Web.Admin.AdminPaths.OtpTokens}?handler=Csv&status=SendFailed", UriKind.Relative));

        Assert.That(csv, Does.Contain(Phones.ToE164(failed)));
        Assert.That(csv, Does.Not.Contain(Phones.ToE164(sent)));
    }

    [Test]
    public async Task A_filter_that_does_not_parse_gives_the_list_page_s_warning_not_a_file()
    {
        using var response = await _staff.GetAsync(new Uri($"{Pilito.Web.Admin.AdminPaths.OtpTokens}?handler=Csv&from=2026-13-01", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/html"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("role=\"alert\""));
    }

    [Test]
    public async Task The_list_links_to_the_export_of_its_current_filters()
    {
        var page = await _staff.GetStringAsync(new Uri($"{Pilito.Web.Admin.AdminPaths.OtpTokens}?status=Sent&q=0912", UriKind.Relative));

        Assert.That(page, Does.Contain("id=\"export-csv\" href=\"/admin/accounts/otptoken/?handler=Csv&amp;q=0912&amp;status=Sent\""));
    }
}
