using System.Net;
using Pilito.Application.Admin.CreateStaffAccount;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Admin;

/// <summary>
/// Odd requests of a signed-in staff member (cursors, dates, sort keys, ids, huge and control-character strings, wrong
/// methods): each gets a page with a clear message or a 4xx, never a 5xx.
/// </summary>
public sealed class AdminHostileRequestTests : StandInFixture
{
    private const string Tokens = "/admin/accounts/otptoken/";
    private const string Users = "/admin/accounts/user/";
    private const string Audit = "/admin/audit/";
    private const string Alert = "role=\"alert\"";
    private static readonly string Huge = new('9', 20_000);
    private static readonly string HugeText = string.Concat(Enumerable.Repeat("%E2%80%AE%D8%A7", 1_000));

    private HttpClient _staff = null!;

    // A query that the list page answers with its warning, not a list and not an error status.
    private static readonly string[] PageCases =
    [
        Tokens + "?after=-1_1",
        Tokens + "?before=4000000000000000000_1",
        Tokens + "?to=9999-12-31",
        Tokens + "?from=0001-01-01",
        Tokens + "?from=0001-01-01&to=9999-12-31",
        Tokens + "?after=9223372036854775807_1",
        Tokens + "?before=-9223372036854775808_1",
        Tokens + "?after=abc",
        Tokens + "?after=_",
        Tokens + "?after=1_",
        Tokens + "?before=_1",
        Tokens + "?after=1e9_1",
        Tokens + "?after=" + Huge + "_1",
        Tokens + "?after=1_" + Huge,
        Tokens + "?after=%00_%00",
        Tokens + "?after=%E2%80%AE1_1",
        Tokens + "?after=%D9%A1_1",
        Tokens + "?from=2026-02-30",
        Tokens + "?from=2026-13-01",
        Tokens + "?to=26-1-1",
        Tokens + "?from=%DB%B1%DB%B4%DB%B0%DB%B3-%DB%B1%DB%B3-%DB%B0%DB%B1", // Solar Hijri 1403-13-01: no 13th month
        Tokens + "?from=1403/12/31", // Esfand never has 31 days
        Tokens + "?from=" + Huge,
        Tokens + "?to=2026-01-01%00",
        Tokens + "?status=99",
        Tokens + "?status=-1",
        Tokens + "?status=Verified%00",
        Tokens + "?q=" + Huge,
        Tokens + "?q=%00%01%1F%7F",
        Tokens + "?q=' OR 1=1 --",
        Tokens + "?q=" + HugeText,
        Users + "?after=-1_1",
        Users + "?before=4000000000000000000_x",
        Users + "?after=1_",
        Users + "?after=" + Huge,
        Users + "?q=%00%01%1F",
        Users + "?q=" + Huge,
        Audit + "?after=-1_1",
        Audit + "?before=4000000000000000000_1",
        Audit + "?after=abc",
        Audit + "?after=1_",
        Audit + "?after=" + Huge + "_1",
        Audit + "?action=Nope",
        Audit + "?action=99",
        Audit + "?action=1",
        Audit + "?action=SignIn%00",
        Audit + "?action=" + HugeText,
        Audit + "?staff=" + Huge,
        Audit + "?staff=" + HugeText,
    ];

    // Anything below 500 will do: an empty list, a 404, a redirect.
    private static readonly string[] GetCases =
    [
        Tokens + "?sort=%00&dir=%00",
        Tokens + "?sort=DROP TABLE&dir=sideways",
        Tokens + "?sort=attempts&after=3000000000_1",
        Tokens + "?sort=attempts&dir=asc&before=9223372036854775807_" + "9223372036854775807",
        Tokens + "?sort=expires&after=0_0",
        Tokens + "?after=1_1&before=2_2",
        Tokens + "?from=2030-01-01&to=2020-01-01",
        Tokens + "?from=0001-01-02&to=9999-12-30",
        Tokens + "-1/",
        Tokens + "0/",
        Tokens + "99999999999999999999/",
        Tokens + "9223372036854775807/",
        Tokens + "abc/",
        Tokens + "%01/", // %00 in a path is refused by Kestrel with 400 before the app (TestHost throws instead)
        "/admin/diagnostics/?handler=Nope",
        Audit + "?staff=%00%01%1F%7F",
        Audit + "?staff=' OR 1=1 --",
        Audit + "?staff=%E2%80%AE%D8%A7",
        Audit + "?action=SignIn&after=1_abc",
        Audit + "?after=1_1&before=2_2",
        Audit + "?after=9223372036854775807_9223372036854775807",
        Audit + "?handler=Nope",
        "/admin/?handler=%00",
        "/admin/culture?culture=xx-INVALID&returnUrl=https://evil.example/",
        "/admin/culture?culture=" + Huge,
        "/admin/account/two-factor/?done=%00",
        "/admin/account/two-factor/?done=" + Huge,
        "/admin/account/two-factor/?handler=Nope",
        "/admin/account/two-factor/?handler=Enable",
        "/admin/login/two-factor?next=https://evil.example/",
        "/admin/login/two-factor?next=" + Huge,
        "/admin/login/two-factor?handler=%00",
    ];

    // Method, path: handler-less and wrong-method requests, with a valid anti-forgery token so they reach the page.
    private static readonly object[] MethodCases =
    [
        new object[] { "POST", "/admin/" },
        new object[] { "POST", "/admin/diagnostics/" },
        new object[] { "POST", Tokens },
        new object[] { "POST", Users },
        new object[] { "POST", Audit },
        new object[] { "POST", Audit + "?handler=Nope" },
        new object[] { "POST", "/admin/?handler=Nope" },
        new object[] { "POST", "/admin/diagnostics/?handler=Nope" },
        new object[] { "POST", Tokens + "1/" },
        new object[] { "POST", Users + "?handler=Lock&id=not-a-guid" },
        new object[] { "PUT", "/admin/" },
        new object[] { "DELETE", Tokens },
        new object[] { "PATCH", "/admin/diagnostics/" },
        new object[] { "POST", "/admin/account/two-factor/" },
        new object[] { "POST", "/admin/account/two-factor/?handler=Nope" },
        new object[] { "PUT", "/admin/account/two-factor/" },
        new object[] { "DELETE", "/admin/login/two-factor" },
    ];

    // Codes no app shows, posted to enrolment (and, signed out, to the second step): a page with a message or a 4xx.
    private static readonly string[] OddCodes =
    [
        "", " ", "12345", "1234567", "۱۲۳۴۵۶", "abcdef", "ABCDE-FGHIJ", "--------", "%00", "\u0000", "' OR 1=1 --",
        Huge, HugeText, "\u202E123456", new string('-', 5_000),
    ];

    [OneTimeSetUp]
    // An Admin: the audit page is refused to the Staff role before any of its odd queries are read.
    public async Task SignInAsync() => _staff = await Staff.SignedInClientAsync(App, await Staff.CreateAsync(App, StaffRoles.Admin));

    [OneTimeTearDown]
    public void SignOut() => _staff.Dispose();

    [TestCaseSource(nameof(PageCases))]
    public async Task Odd_list_query_gets_the_page_with_a_clear_message(string path)
    {
        using var response = await _staff.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(body, Does.Contain(Alert), "says what is wrong");
    }

    [TestCaseSource(nameof(GetCases))]
    public async Task Odd_get_is_never_a_server_error(string path)
    {
        using var response = await _staff.GetAsync(new Uri(path, UriKind.Relative));

        Assert.That((int)response.StatusCode, Is.LessThan(500), await response.Content.ReadAsStringAsync());
    }

    [TestCaseSource(nameof(MethodCases))]
    public async Task Request_no_handler_takes_is_a_4xx(string method, string path)
    {
        var token = await Staff.AntiforgeryTokenAsync(_staff, "/admin/diagnostics/");
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
        };

        using var response = await _staff.SendAsync(request);

        Assert.That((int)response.StatusCode, Is.InRange(400, 499), await response.Content.ReadAsStringAsync());
    }

    [TestCaseSource(nameof(OddCodes))]
    public async Task Odd_enrolment_code_gets_the_page_with_a_message(string code)
    {
        // A member not enrolled yet (the fixture's Admin had to enrol to sign in).
        using var unenrolled = await Staff.SignedInClientAsync(App);
        using var response = await StaffPages.PostAsync(unenrolled, StaffPages.TwoFactor, "Enable", new Dictionary<string, string> { ["Code"] = code });
        var body = await response.Content.ReadAsStringAsync();

        // A NUL is refused with a 400 before any page (the app's control-character guard); the rest reach the page.
        Assert.That((int)response.StatusCode, code.Contains('\0', StringComparison.Ordinal) ? Is.EqualTo(400) : Is.EqualTo(200), body);
        Assert.That(body, code.Contains('\0', StringComparison.Ordinal) ? Does.Not.Contain("id=\"recovery-codes\"") : Does.Contain(Alert));
    }

    [TestCaseSource(nameof(OddCodes))]
    public async Task Odd_second_step_code_is_never_a_server_error(string code)
    {
        var email = await Staff.CreateAsync(App);
        await Staff.EnrolAsync(App, email);
        using var client = Staff.Client(App);
        using (await Staff.SignInAsync(client, email)) { }

        using var response = await Staff.SecondStepAsync(client, code);

        Assert.That((int)response.StatusCode, code.Contains('\0', StringComparison.Ordinal) ? Is.EqualTo(400) : Is.EqualTo(200),
            await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Second_step_without_a_password_step_is_sent_back_to_sign_in()
    {
        using var client = Staff.Client(App);
        var token = await Staff.AntiforgeryTokenAsync(client, "/admin/login");

        using var response = await client.PostAsync(new Uri(Staff.TwoFactorSignInPath, UriKind.Relative), new FormUrlEncodedContent(
            new Dictionary<string, string> { ["Code"] = "123456", ["next"] = Huge, ["__RequestVerificationToken"] = token }));

        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo("/admin/login"));
    }
}
