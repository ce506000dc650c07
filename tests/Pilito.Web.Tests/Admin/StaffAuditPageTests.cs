using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pilito.Application.Admin.CreateStaffAccount;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Admin;

/// <summary>The audit page: Admin role only, newest first, filtered by staff member and action, paged by cursor.</summary>
public sealed class StaffAuditPageTests : StandInFixture
{
    private const string Audit = "/admin/audit/";
    private HttpClient _admin = null!;
    private string _adminEmail = null!;

    protected override PilitoApp CreateApp(KavenegarStandIn kavenegar) => new(null);

    [OneTimeSetUp]
    public async Task SignInAnAdminAsync()
    {
        _adminEmail = await Staff.CreateAsync(App, StaffRoles.Admin);
        _admin = await Staff.SignedInClientAsync(App, _adminEmail);
    }

    [OneTimeTearDown]
    public void DisposeAdminClient() => _admin?.Dispose();

    [Test]
    public async Task Staff_without_the_Admin_role_are_refused_the_page_and_do_not_see_it_in_the_menu()
    {
        using var staff = await Staff.SignedInClientAsync(App);

        using var response = await staff.GetAsync(new Uri(Audit, UriKind.Relative));
        var dashboard = await staff.GetStringAsync(new Uri("/admin/", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location!.AbsolutePath, Is.EqualTo("/admin/access-denied"));
        Assert.That(dashboard, Does.Not.Contain($"href=\"{Audit}\""));
    }

    [Test]
    public async Task Admin_sees_the_page_in_the_menu_and_entries_newest_first()
    {
        var email = await Staff.CreateAsync(App);
        using (await SignInAsync(email, "Wrong-password-1!")) { }
        using (await SignInAsync(email)) { }

        var html = await _admin.GetStringAsync(new Uri($"{Audit}?staff={email}", UriKind.Relative));

        Assert.That(html, Does.Contain($"href=\"{Audit}\""));
        var signIn = html.IndexOf("data-action=\"SignIn\"", StringComparison.Ordinal);
        var failed = html.IndexOf("data-action=\"SignInFailed\"", StringComparison.Ordinal);
        Assert.That(signIn, Is.GreaterThan(0));
        Assert.That(failed, Is.GreaterThan(signIn), "the later sign-in comes first");
    }

    [Test]
    public async Task Staff_filter_shows_only_that_member_whatever_the_case_typed()
    {
        var first = await Staff.CreateAsync(App);
        var second = await Staff.CreateAsync(App);
        using (await SignInAsync(first)) { }
        using (await SignInAsync(second)) { }

        var html = await _admin.GetStringAsync(new Uri($"{Audit}?staff={first.ToUpperInvariant()}", UriKind.Relative));

        Assert.That(html, Does.Contain($">{first}<"));
        Assert.That(html, Does.Not.Contain($">{second}<"));
    }

    [Test]
    public async Task Action_filter_shows_only_that_action()
    {
        var email = await Staff.CreateAsync(App);
        using (await SignInAsync(email, "Wrong-password-1!")) { }
        using (await SignInAsync(email)) { }

        var html = await _admin.GetStringAsync(new Uri($"{Audit}?staff={email}&action=signinfailed", UriKind.Relative));

        Assert.That(html, Does.Contain("data-action=\"SignInFailed\""));
        Assert.That(html, Does.Not.Contain("data-action=\"SignIn\""));
        Assert.That(html, Does.Contain("<option value=\"SignInFailed\" selected=\"selected\">"));
    }

    [Test]
    public async Task Pages_follow_one_another_by_cursor_without_repeating_an_entry()
    {
        var email = await Staff.CreateAsync(App);
        for (var i = 0; i < 3; i++)
        {
            using (await SignInAsync(email, $"Wrong-password-{i}!")) { }
        }

        // Through the use case with a page of two: the page shows 50, too many to make here.
        await using var scope = App.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<Mediator.ISender>();
        var query = new Pilito.Application.Admin.ListStaffAudit.ListStaffAuditQuery(email, PageSize: 2);
        var first = await sender.Send(query);
        var second = await sender.Send(query with { After = first.Next });
        var back = await sender.Send(query with { Before = second.Previous });

        Assert.That(first.Items, Has.Count.EqualTo(2));
        Assert.That(second.Items, Has.Count.EqualTo(1));
        Assert.That(second.Next, Is.Null);
        Assert.That(first.Items.Concat(second.Items).Select(r => r.Id), Is.Unique.And.Ordered.Descending);
        Assert.That(back.Items.Select(r => r.Id), Is.EqualTo(first.Items.Select(r => r.Id)));
    }

    [Test]
    public async Task Persian_page_names_the_actions_in_Persian()
    {
        var html = await _admin.GetStringAsync(new Uri($"{Audit}?staff={_adminEmail}&culture=fa-IR", UriKind.Relative));

        Assert.That(html, Does.Contain("گزارش کارهای کارکنان"));
        Assert.That(html, Does.Contain(">ورود<"));
    }

    /// <summary>A sign-in attempt from a browser of its own, which is then closed.</summary>
    private async Task<HttpResponseMessage> SignInAsync(string email, string password = Staff.Password)
    {
        using var client = Staff.Client(App);
        return await Staff.SignInAsync(client, email, password);
    }
}
