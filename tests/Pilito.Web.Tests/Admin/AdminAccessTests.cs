using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pilito.Application.Admin.CreateStaffAccount;
using Pilito.Infrastructure.Identity;
using Pilito.Web.Admin;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Admin;

/// <summary>Who may open which admin page: anonymous → login, API users → never in, staff → 200.</summary>
public sealed class AdminAccessTests : StandInFixture
{
    private static readonly string[] Routes =
    [
        "/admin/", "/admin/accounts/otptoken/", "/admin/accounts/otptoken/{token}/", "/admin/accounts/user/", "/admin/diagnostics/",
        "/admin/logout",
    ];

    // For the Admin role only: Staff are refused them (StaffAuditPageTests), everyone else as for any admin page.
    private static readonly string[] AdminOnlyRoutes = ["/admin/audit/"];

    private static readonly string[] AllRoutes = [.. Routes, .. AdminOnlyRoutes];

    private long _tokenId;

    [OneTimeSetUp]
    public async Task SendACodeAsync()
    {
        var phone = Phones.NextNational();
        await Client.RequestCodeAsync(phone);
        _tokenId = (long)(await Database.ReadNewestTokenAsync(App, Phones.ToE164(phone)))["Id"]!;
    }

    private string Route(string route) => route.Replace("{token}", _tokenId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    [TestCaseSource(nameof(AllRoutes))]
    public async Task Anonymous_visitor_is_sent_to_the_login_page(string route)
    {
        using var client = Staff.Client(App);

        using var response = await client.GetAsync(new Uri(Route(route), UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location!.PathAndQuery, Does.StartWith("/admin/login?next="));
    }

    [TestCaseSource(nameof(AllRoutes))]
    public async Task Api_user_with_a_bearer_token_never_gets_in(string route)
    {
        var session = await Client.SignInAsync(Phones.NextNational());
        using var client = Staff.Client(App);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.GetProperty("access_token").GetString());

        using var response = await client.GetAsync(new Uri(Route(route), UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the bearer token is not an admin session");
        Assert.That(response.Headers.Location!.PathAndQuery, Does.StartWith("/admin/login"));
    }

    [TestCaseSource(nameof(AllRoutes))]
    public async Task Api_user_holding_an_admin_session_cookie_is_forbidden(string route)
    {
        var phone = Phones.NextNational();
        await Client.SignInAsync(phone);
        using var client = Staff.Client(App);
        client.DefaultRequestHeaders.Add("Cookie", $"pilito_admin={await CookieForAsync(Phones.ToE164(phone))}");

        using var response = await client.GetAsync(new Uri(Route(route), UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location!.AbsolutePath, Is.EqualTo("/admin/access-denied"));
        using var denied = await client.GetAsync(response.Headers.Location);
        Assert.That(denied.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [TestCaseSource(nameof(AdminOnlyRoutes))]
    public async Task Admin_gets_the_admin_only_page(string route)
    {
        using var client = await Staff.SignedInClientAsync(App, await Staff.CreateAsync(App, StaffRoles.Admin));

        using var response = await client.GetAsync(new Uri(route, UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCaseSource(nameof(Routes))]
    public async Task Staff_get_the_page(string route)
    {
        using var client = await Staff.SignedInClientAsync(App);

        using var response = await client.GetAsync(new Uri(Route(route), UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [TestCase("/admin/accounts/otptoken/{token}/?handler=Invalidate")]
    [TestCase("/admin/accounts/otptoken/{token}/?handler=CheckDelivery")]
    [TestCase("/admin/diagnostics/?handler=Check")]
    [TestCase("/admin/diagnostics/?handler=TestSms")]
    [TestCase("/admin/logout")]
    [TestCase("/admin/login")]
    public async Task Post_without_an_antiforgery_token_is_refused_with_400(string route)
    {
        using var client = await Staff.SignedInClientAsync(App);

        using var response = await client.PostAsync(new Uri(Route(route), UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "x@y.z", ["Password"] = "x" }));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Lock_without_an_antiforgery_token_is_refused_with_400()
    {
        var phone = Phones.NextNational();
        var session = await Client.SignInAsync(phone);
        using var client = await Staff.SignedInClientAsync(App);
        var id = session.GetProperty("user").GetProperty("id").GetString();

        using var response = await client.PostAsync(new Uri($"/admin/accounts/user/?handler=Lock&id={id}", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Session_cookie_is_HttpOnly_SameSite_and_Secure()
    {
        using var client = Staff.Client(App);

        using var response = await Staff.SignInAsync(client, await Staff.CreateAsync(App));

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("pilito_admin=", StringComparison.Ordinal));
        Assert.That(cookie, Does.Contain("httponly").IgnoreCase);
        Assert.That(cookie, Does.Contain("samesite=strict").IgnoreCase);
        Assert.That(cookie, Does.Contain("secure").IgnoreCase);
    }

    [Test]
    public async Task Five_wrong_passwords_pause_that_email_from_that_network_without_locking_the_account()
    {
        var email = await Staff.CreateAsync(App);
        using var client = Staff.Client(App);
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await Staff.SignInAsync(client, email, "Wrong-password-1");
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var right = await Staff.SignInAsync(client, email);

        Assert.That(right.StatusCode, Is.EqualTo((HttpStatusCode)429), "still on the login page");
        Assert.That(ErrorOf(await right.Content.ReadAsStringAsync()), Is.EqualTo("Too many failed sign-ins from your network. Please try again later."));
        Assert.That(right.Headers.RetryAfter?.Delta?.TotalMinutes, Is.InRange(15, 16));
        Assert.That(await IsLockedOutAsync(email), Is.False, "nobody locks a staff account by failing its password");
    }

    [Test]
    public async Task The_login_page_answers_alike_for_an_unknown_email_a_wrong_password_and_a_locked_account()
    {
        var locked = await Staff.CreateAsync(App);
        await LockOutAsync(locked);
        using var client = Staff.Client(App);

        var answers = new List<string>();
        foreach (var (email, password) in new[] { ("nobody@pilito.test", Staff.Password), (await Staff.CreateAsync(App), "Wrong-password-1"), (locked, Staff.Password) })
        {
            using var response = await Staff.SignInAsync(client, email, password);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            answers.Add(ErrorOf(await response.Content.ReadAsStringAsync()));
        }

        Assert.That(answers, Is.All.EqualTo("Invalid email or password."));
        Assert.That(App.Logs.Lines, Has.Some.Contains("locked out"), "the log, not the page, says why");
    }

    [Test]
    public async Task An_unknown_email_is_paused_exactly_as_a_staff_email_is()
    {
        var staff = await Staff.CreateAsync(App);
        using var client = Staff.Client(App);
        var answers = new List<(HttpStatusCode, string)>();
        foreach (var email in new[] { staff, "nobody-here@pilito.test" })
        {
            for (var i = 0; i < 5; i++)
            {
                using (await Staff.SignInAsync(client, email, "Wrong-password-1")) { }
            }

            using var sixth = await Staff.SignInAsync(client, email, "Wrong-password-1");
            answers.Add((sixth.StatusCode, ErrorOf(await sixth.Content.ReadAsStringAsync())));
        }

        Assert.That(answers[0].Item1, Is.EqualTo((HttpStatusCode)429));
        Assert.That(answers[1], Is.EqualTo(answers[0]));
    }

    private async Task<bool> IsLockedOutAsync(string email)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PilitoUser>>();
        return await users.IsLockedOutAsync((await users.FindByEmailAsync(email))!);
    }

    private async Task LockOutAsync(string email)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PilitoUser>>();
        await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(email))!, DateTimeOffset.UtcNow.AddHours(1));
    }

    private static string ErrorOf(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "role=\"alert\"[^>]*>\\s*([^<]+?)\\s*<");
        Assert.That(match.Success, Is.True, "an error on the page");
        return match.Groups[1].Value;
    }

    [Test]
    public async Task Phone_account_cannot_sign_in_on_the_login_page()
    {
        var phone = Phones.NextNational();
        await Client.SignInAsync(phone);
        using var client = Staff.Client(App);

        using var response = await Staff.SignInAsync(client, Phones.ToE164(phone), string.Empty);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("Invalid email or password."));
    }

    [Test]
    public async Task Invalidated_code_is_refused_by_the_api()
    {
        var phone = Phones.NextNational();
        var code = await Client.RequestCodeAsync(phone);
        var id = (long)(await Database.ReadNewestTokenAsync(App, Phones.ToE164(phone)))["Id"]!;
        using var client = await Staff.SignedInClientAsync(App);
        var path = $"/admin/accounts/otptoken/{id}/";
        var token = await Staff.AntiforgeryTokenAsync(client, path);

        using var posted = await client.PostAsync(new Uri(path + "?handler=Invalidate", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(posted.Headers.Location!.ToString(), Is.EqualTo(path + "?done=invalidated"));
        Assert.That((await Database.ReadNewestTokenAsync(App, Phones.ToE164(phone)))["Status"], Is.EqualTo("Revoked"));
        using var verify = await Client.VerifyOtpAsync(phone, code);
        Assert.That(verify.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    // What an API user would need to get past the sign-in page: a genuine Identity session cookie for their account.
    private async Task<string> CookieForAsync(string e164)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<PilitoUser>>();
        var user = await signIn.UserManager.FindByNameAsync(e164);
        var principal = await signIn.CreateUserPrincipalAsync(user!);
        var options = scope.ServiceProvider.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        // Stamped as a real sign-in would be: what must stop it is the missing staff role, nothing else.
        var properties = new AuthenticationProperties();
        properties.Items[StaffSessionValidator.SignedInAt] = DateTimeOffset.UtcNow.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return options.TicketDataFormat.Protect(new AuthenticationTicket(principal, properties, IdentityConstants.ApplicationScheme));
    }
}
