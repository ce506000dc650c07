using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Pilito.Application.Admin.CreateStaffAccount;
using Pilito.Infrastructure.Identity;
using Pilito.Web.Tests.Support;
using QRCoder;

namespace Pilito.Web.Tests.Admin;

/// <summary>
/// Two-factor sign-in for staff through the real pages (Testing: Admin:RequireTwoFactor on by default): enrolment
/// with a code computed from the shown key, the second step, recovery codes, and the Admin role kept to enrolment.
/// </summary>
public sealed class StaffTwoFactorTests
{
    private const string Dashboard = "/admin/";
    private const string Diagnostics = "/admin/diagnostics/";
    private PilitoApp _app = null!;

    [OneTimeSetUp]
    public void StartApp() => _app = new PilitoApp(null);

    [OneTimeTearDown]
    public async Task StopAppAsync() => await _app.DisposeAsync();

    [Test]
    public async Task Enrolment_with_a_code_from_the_shown_key_turns_two_factor_on_and_shows_ten_recovery_codes()
    {
        var email = await Staff.CreateAsync(_app);
        using var client = await Staff.SignedInClientAsync(_app, email);

        var (key, codes) = await StaffPages.EnrolAsync(client, Staff.Now(_app));

        Assert.That(await Staff.AuthenticatorKeyAsync(_app, email), Is.EqualTo(key), "on, with the key the page showed");
        Assert.That(codes, Has.Count.EqualTo(10).And.All.Match("^[A-Z0-9]{5}-[A-Z0-9]{5}$"));
        Assert.That(codes, Is.Unique);
    }

    [Test]
    public async Task A_wrong_first_code_does_not_turn_two_factor_on()
    {
        var email = await Staff.CreateAsync(_app);
        using var client = await Staff.SignedInClientAsync(_app, email);
        var key = StaffPages.SharedKey(await client.GetStringAsync(new Uri(StaffPages.TwoFactor, UriKind.Relative)));

        using var refused = await StaffPages.PostAsync(client, StaffPages.TwoFactor, "Enable",
            new Dictionary<string, string> { ["Code"] = Totp.WrongCode(key, Staff.Now(_app)) });

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("role=\"alert\"").And.Contain("id=\"shared-key\""));
        Assert.That(await Staff.AuthenticatorKeyAsync(_app, email), Is.Null, "still off");
    }

    [Test]
    public async Task The_enrolment_page_shows_the_key_and_a_QR_code_of_the_otpauth_uri()
    {
        var email = await Staff.CreateAsync(_app);
        using var client = await Staff.SignedInClientAsync(_app, email);

        var html = await client.GetStringAsync(new Uri(StaffPages.TwoFactor, UriKind.Relative));
        var key = StaffPages.SharedKey(html);
        var qr = StaffPages.QrCode(html);

        Assert.That(key, Is.EqualTo(await StoredKeyAsync(email)), "the stored key, in groups");
        Assert.That(qr, Does.StartWith("data:image/png;base64,"), "a PNG the CSP allows (img-src data:)");
        // The same QR code drawn from the URI authenticator apps expect: the page's image encodes exactly that text.
        var uri = $"otpauth://totp/Pilito:{email}?secret={key}&issuer=Pilito&digits=6";
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        using var png = new PngByteQRCode(data);
        Assert.That(qr, Is.EqualTo("data:image/png;base64," + Convert.ToBase64String(png.GetGraphic(6))));
    }

    [Test]
    public async Task The_password_alone_does_not_open_the_admin_pages_of_an_enrolled_member()
    {
        var email = await Staff.CreateAsync(_app);
        await Staff.EnrolAsync(_app, email);
        using var client = Staff.Client(_app);

        using var password = await Staff.SignInAsync(client, email);
        using var dashboard = await client.GetAsync(new Uri(Dashboard, UriKind.Relative));

        Assert.That(password.Headers.Location?.ToString(), Does.StartWith(Staff.TwoFactorSignInPath));
        Assert.That(password.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], Has.None.StartsWith("pilito_admin="));
        Assert.That(dashboard.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(dashboard.Headers.Location?.ToString(), Does.Contain("/admin/login"));
    }

    [Test]
    public async Task The_right_authenticator_code_opens_the_admin_pages_and_goes_where_the_member_was_going()
    {
        var email = await Staff.CreateAsync(_app);
        var key = await Staff.EnrolAsync(_app, email);
        using var client = Staff.Client(_app);
        var token = await Staff.AntiforgeryTokenAsync(client, "/admin/login");
        using var password = await client.PostAsync(new Uri("/admin/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = Staff.Password, ["next"] = Diagnostics, ["__RequestVerificationToken"] = token,
        }));
        Assert.That(password.Headers.Location?.ToString(), Is.EqualTo($"{Staff.TwoFactorSignInPath}?next=%2Fadmin%2Fdiagnostics%2F"));

        using var second = await Staff.SecondStepAsync(client, Totp.Code(key, Staff.Now(_app)), next: Diagnostics);
        using var page = await client.GetAsync(new Uri(Diagnostics, UriKind.Relative));

        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(second.Headers.Location?.ToString(), Is.EqualTo(Diagnostics));
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_wrong_code_does_not_open_the_admin_pages()
    {
        var email = await Staff.CreateAsync(_app);
        var key = await Staff.EnrolAsync(_app, email);
        using var client = Staff.Client(_app);
        using (await Staff.SignInAsync(client, email)) { }

        using var wrong = await Staff.SecondStepAsync(client, Totp.WrongCode(key, Staff.Now(_app)));
        using var dashboard = await client.GetAsync(new Uri(Dashboard, UriKind.Relative));

        Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await wrong.Content.ReadAsStringAsync(), Does.Contain("The code is not valid."));
        Assert.That(dashboard.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(dashboard.Headers.Location?.ToString(), Does.Contain("/admin/login"));
    }

    [Test]
    public async Task Five_wrong_codes_lock_the_account_so_that_even_the_right_code_is_refused()
    {
        var email = await Staff.CreateAsync(_app);
        var key = await Staff.EnrolAsync(_app, email);
        using var client = Staff.Client(_app);
        using (await Staff.SignInAsync(client, email)) { }
        for (var i = 0; i < 5; i++)
        {
            using (await Staff.SecondStepAsync(client, Totp.WrongCode(key, Staff.Now(_app)))) { }
        }

        using var right = await Staff.SecondStepAsync(client, Totp.Code(key, Staff.Now(_app)));

        Assert.That(right.StatusCode, Is.EqualTo(HttpStatusCode.OK), "refused: the page again");
        Assert.That(await IsLockedOutAsync(email), Is.True);
    }

    [Test]
    public async Task Five_wrong_recovery_codes_lock_the_account_too()
    {
        var email = await Staff.CreateAsync(_app);
        await Staff.EnrolAsync(_app, email);
        using var client = Staff.Client(_app);
        using (await Staff.SignInAsync(client, email)) { }
        for (var i = 0; i < 5; i++)
        {
            using (await Staff.SecondStepAsync(client, "BCDFG-HJKMN")) { }
        }

        Assert.That(await IsLockedOutAsync(email), Is.True);
    }

    [Test]
    public async Task A_locked_account_cannot_get_in_with_a_recovery_code_either()
    {
        var email = await Staff.CreateAsync(_app);
        using var enrolling = await Staff.SignedInClientAsync(_app, email);
        var (key, codes) = await StaffPages.EnrolAsync(enrolling, Staff.Now(_app));
        using var client = Staff.Client(_app);
        using (await Staff.SignInAsync(client, email)) { }
        for (var i = 0; i < 5; i++)
        {
            using (await Staff.SecondStepAsync(client, Totp.WrongCode(key, Staff.Now(_app)))) { }
        }

        using var recovery = await Staff.SecondStepAsync(client, codes[0]);
        using var dashboard = await client.GetAsync(new Uri(Dashboard, UriKind.Relative));

        Assert.That(recovery.StatusCode, Is.EqualTo(HttpStatusCode.OK), "refused: the page again");
        Assert.That(dashboard.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
    }

    [Test]
    public async Task A_recovery_code_signs_in_once_and_only_once()
    {
        var email = await Staff.CreateAsync(_app);
        using var enrolling = await Staff.SignedInClientAsync(_app, email);
        var (_, codes) = await StaffPages.EnrolAsync(enrolling, Staff.Now(_app));

        using var first = Staff.Client(_app);
        using (await Staff.SignInAsync(first, email)) { }
        using var used = await Staff.SecondStepAsync(first, codes[0].ToLowerInvariant()); // typed in lower case
        using var firstPage = await first.GetAsync(new Uri(Dashboard, UriKind.Relative));
        using var second = Staff.Client(_app);
        using (await Staff.SignInAsync(second, email)) { }
        using var reused = await Staff.SecondStepAsync(second, codes[0]);
        using var secondPage = await second.GetAsync(new Uri(Dashboard, UriKind.Relative));

        Assert.That(used.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(firstPage.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(reused.StatusCode, Is.EqualTo(HttpStatusCode.OK), "refused: the page again");
        Assert.That(secondPage.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
    }

    [Test]
    public async Task An_unenrolled_admin_reaches_only_enrolment_sign_out_and_the_language_switch_while_two_factor_is_required()
    {
        var email = await Staff.CreateAsync(_app, StaffRoles.Admin);
        using var client = Staff.Client(_app);
        using (var password = await Staff.SignInAsync(client, email))
            Assert.That(password.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the password step alone, nothing to verify yet");

        var confined = new List<string?>();
        foreach (var path in new[] { Dashboard, Diagnostics, "/admin/accounts/otptoken/", "/admin/accounts/user/" })
        {
            using var page = await client.GetAsync(new Uri(path, UriKind.Relative));
            confined.Add(page.Headers.Location?.ToString());
        }

        using var enrolment = await client.GetAsync(new Uri(StaffPages.TwoFactor, UriKind.Relative));
        using var logout = await client.GetAsync(new Uri("/admin/logout", UriKind.Relative));
        using var culture = await client.GetAsync(new Uri("/admin/culture?culture=fa-IR&returnUrl=%2Fadmin%2Faccount%2Ftwo-factor%2F", UriKind.Relative));

        Assert.That(confined, Is.All.EqualTo(StaffPages.TwoFactor));
        Assert.That(enrolment.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(culture.Headers.Location?.ToString(), Is.EqualTo(StaffPages.TwoFactor));
    }

    [Test]
    public async Task An_admin_who_enrols_through_the_pages_then_opens_every_page()
    {
        var email = await Staff.CreateAsync(_app, StaffRoles.Admin);
        using var client = Staff.Client(_app);
        using (await Staff.SignInAsync(client, email)) { }

        await StaffPages.EnrolAsync(client, Staff.Now(_app));
        using var dashboard = await client.GetAsync(new Uri(Dashboard, UriKind.Relative));

        Assert.That(dashboard.StatusCode, Is.EqualTo(HttpStatusCode.OK), "this session goes on, now enrolled");
    }

    [Test]
    public async Task An_unenrolled_admin_is_not_confined_when_two_factor_is_not_required()
    {
        await using var app = new PilitoApp(null, new Dictionary<string, string?> { ["Admin:RequireTwoFactor"] = "false" });
        var email = await Staff.CreateAsync(app, StaffRoles.Admin);
        using var client = await Staff.SignedInClientAsync(app, email);

        using var dashboard = await client.GetAsync(new Uri(Dashboard, UriKind.Relative));

        Assert.That(dashboard.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await Staff.AuthenticatorKeyAsync(app, email), Is.Null, "signed in with the password alone");
    }

    [Test]
    public async Task Each_change_of_the_settings_renews_the_security_stamp_and_keeps_this_session()
    {
        var email = await Staff.CreateAsync(_app);
        using var client = await Staff.SignedInClientAsync(_app, email);
        using (await client.GetAsync(new Uri(StaffPages.TwoFactor, UriKind.Relative))) { } // makes the key
        var stamps = new List<string> { await StampAsync(email) };
        var pages = new List<HttpStatusCode>();

        await StaffPages.EnrolAsync(client, Staff.Now(_app));
        stamps.Add(await StampAsync(email));
        pages.Add(await StatusOfAsync(client, Dashboard));
        using (await StaffPages.PostAsync(client, StaffPages.TwoFactor, "RecoveryCodes")) { }
        stamps.Add(await StampAsync(email));
        pages.Add(await StatusOfAsync(client, Dashboard));
        using (await StaffPages.PostAsync(client, StaffPages.TwoFactor, "Disable")) { }
        stamps.Add(await StampAsync(email));
        pages.Add(await StatusOfAsync(client, Dashboard));

        Assert.That(stamps, Is.Unique, "enable, new recovery codes, disable: each renews the stamp");
        Assert.That(pages, Is.All.EqualTo(HttpStatusCode.OK), "the session that made the change is re-issued");
        Assert.That(await Staff.AuthenticatorKeyAsync(_app, email), Is.Null, "off");
    }

    [Test]
    public async Task New_recovery_codes_void_the_old_ones()
    {
        var email = await Staff.CreateAsync(_app);
        using var client = await Staff.SignedInClientAsync(_app, email);
        var (_, old) = await StaffPages.EnrolAsync(client, Staff.Now(_app));

        using var renewed = await StaffPages.PostAsync(client, StaffPages.TwoFactor, "RecoveryCodes");
        var fresh = StaffPages.RecoveryCodes(await renewed.Content.ReadAsStringAsync());
        using var other = Staff.Client(_app);
        using (await Staff.SignInAsync(other, email)) { }
        using var withOld = await Staff.SecondStepAsync(other, old[0]);

        Assert.That(fresh, Has.Count.EqualTo(10).And.No.AnyOf(old.ToArray()));
        Assert.That(withOld.StatusCode, Is.EqualTo(HttpStatusCode.OK), "an old code is refused");
    }

    [Test]
    public async Task An_admin_cannot_turn_two_factor_off_while_it_is_required()
    {
        var email = await Staff.CreateAsync(_app, StaffRoles.Admin);
        using var client = await Staff.SignedInClientAsync(_app, email);

        using var refused = await StaffPages.PostAsync(client, StaffPages.TwoFactor, "Disable");

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("it cannot be turned off"));
        Assert.That(await Staff.AuthenticatorKeyAsync(_app, email), Is.Not.Null, "still on");
    }

    [Test]
    public async Task A_staff_member_who_turns_two_factor_off_signs_in_with_the_password_again()
    {
        var email = await Staff.CreateAsync(_app);
        using var client = await Staff.SignedInClientAsync(_app, email);
        await StaffPages.EnrolAsync(client, Staff.Now(_app));

        using var off = await StaffPages.PostAsync(client, StaffPages.TwoFactor, "Disable");
        using var other = Staff.Client(_app);
        using var password = await Staff.SignInAsync(other, email);

        Assert.That(off.Headers.Location?.ToString(), Is.EqualTo(StaffPages.TwoFactor + "?done=disabled"));
        Assert.That(password.Headers.Location?.ToString(), Is.EqualTo(Dashboard));
    }

    [Test]
    public async Task The_second_step_without_the_password_step_goes_back_to_the_login_page()
    {
        using var client = Staff.Client(_app);

        using var page = await client.GetAsync(new Uri(Staff.TwoFactorSignInPath + "?next=%2Fadmin%2Fdiagnostics%2F", UriKind.Relative));

        Assert.That(page.Headers.Location?.ToString(), Is.EqualTo("/admin/login?next=%2Fadmin%2Fdiagnostics%2F"));
    }

    private async Task<string> StoredKeyAsync(string email) => await WithUserAsync(email, (users, user) => users.GetAuthenticatorKeyAsync(user)) ?? string.Empty;

    private async Task<string> StampAsync(string email) => await WithUserAsync(email, (users, user) => users.GetSecurityStampAsync(user));

    private Task<bool> IsLockedOutAsync(string email) => WithUserAsync(email, (users, user) => users.IsLockedOutAsync(user));

    private async Task<T> WithUserAsync<T>(string email, Func<UserManager<PilitoUser>, PilitoUser, Task<T>> read)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PilitoUser>>();
        return await read(users, (await users.FindByEmailAsync(email))!);
    }

    private static async Task<HttpStatusCode> StatusOfAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }
}
