using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pilito.Infrastructure.Identity;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Admin;

/// <summary>A staff session ends when it should: at sign-out (a replayed copy too), at a lockout, after its absolute lifetime.</summary>
public sealed class StaffSessionTests
{
    private const string Dashboard = "/admin/";

    [Test]
    public async Task A_cookie_copied_before_sign_out_is_refused_after_it()
    {
        await using var app = new PilitoApp(null);
        using var staff = await Staff.SignedInClientAsync(app);
        var copied = await CookieOfAsync(staff);

        var token = await Staff.AntiforgeryTokenAsync(staff, "/admin/logout");
        using var signedOut = await staff.PostAsync(new Uri("/admin/logout", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        using var replayed = await GetWithCookieAsync(app, copied);

        Assert.That(signedOut.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(replayed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the copy no longer opens the pages");
        Assert.That(replayed.Headers.Location!.ToString(), Does.Contain("/admin/login"));
    }

    [Test]
    public async Task A_locked_staff_account_loses_its_open_session()
    {
        await using var app = new PilitoApp(null);
        var email = await Staff.CreateAsync(app);
        using var staff = await Staff.SignedInClientAsync(app, email);
        using (var before = await staff.GetAsync(new Uri(Dashboard, UriKind.Relative)))
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PilitoUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(email))!, DateTimeOffset.UtcNow.AddHours(1));
        }

        using var after = await staff.GetAsync(new Uri(Dashboard, UriKind.Relative));

        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
    }

    [Test]
    public async Task A_strangers_wrong_passwords_do_not_end_the_staff_members_open_session()
    {
        await using var app = new PilitoApp(null);
        var email = await Staff.CreateAsync(app);
        using var staff = await Staff.SignedInClientAsync(app, email);

        using var attacker = Staff.Client(app);
        for (var i = 0; i < 10; i++)
        {
            using (await Staff.SignInAsync(attacker, email, "Wrong-password-1")) { }
        }

        using var after = await staff.GetAsync(new Uri(Dashboard, UriKind.Relative));

        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_session_in_constant_use_still_ends_after_its_absolute_lifetime()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new PilitoApp(null, clock: clock);
        using var staff = await Staff.SignedInClientAsync(app);

        var open = new List<HttpStatusCode>();
        foreach (var hours in new[] { 3, 3, 3, 2 }) // used every few hours: the 8-hour idle timeout never passes
        {
            clock.Advance(TimeSpan.FromHours(hours));
            using var page = await staff.GetAsync(new Uri(Dashboard, UriKind.Relative));
            open.Add(page.StatusCode);
        }

        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1)); // 12 hours and a minute after sign-in
        using var expired = await staff.GetAsync(new Uri(Dashboard, UriKind.Relative));

        Assert.That(open, Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(expired.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
    }

    [Test]
    public async Task A_session_opened_with_a_second_step_still_ends_after_its_absolute_lifetime()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new PilitoApp(null, clock: clock);
        var email = await Staff.CreateAsync(app);
        await Staff.EnrolAsync(app, email);
        using var staff = await Staff.SignedInClientAsync(app, email); // password, then the authenticator code

        var open = new List<HttpStatusCode>();
        foreach (var hours in new[] { 3, 3, 3, 2 })
        {
            clock.Advance(TimeSpan.FromHours(hours));
            using var page = await staff.GetAsync(new Uri(Dashboard, UriKind.Relative));
            open.Add(page.StatusCode);
        }

        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        using var expired = await staff.GetAsync(new Uri(Dashboard, UriKind.Relative));

        Assert.That(open, Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(expired.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the second step stamped the sign-in time");
    }

    [Test]
    public async Task A_cookie_copied_before_two_factor_is_turned_off_is_refused_after_it()
    {
        await using var app = new PilitoApp(null);
        var email = await Staff.CreateAsync(app);
        await Staff.EnrolAsync(app, email);
        using var staff = await Staff.SignedInClientAsync(app, email);
        var copied = await CookieOfAsync(staff);

        using (await StaffPages.PostAsync(staff, StaffPages.TwoFactor, "Disable")) { }
        using var replayed = await GetWithCookieAsync(app, copied);
        using var stillOpen = await staff.GetAsync(new Uri(Dashboard, UriKind.Relative));

        Assert.That(replayed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the stamp changed: the copy no longer opens the pages");
        Assert.That(stillOpen.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the session that made the change was re-issued");
    }

    private static async Task<string> CookieOfAsync(HttpClient staff)
    {
        using var page = await staff.GetAsync(new Uri(Dashboard, UriKind.Relative));
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var handler = page.RequestMessage!; // the cookie the client sent for the page
        return handler.Headers.GetValues("Cookie").Single();
    }

    private static async Task<HttpResponseMessage> GetWithCookieAsync(PilitoApp app, string cookie)
    {
        using var fresh = app.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, Dashboard);
        request.Headers.Add("Cookie", cookie);
        return await fresh.SendAsync(request);
    }
}
