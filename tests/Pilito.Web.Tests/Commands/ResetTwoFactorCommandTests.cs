using Pilito.Application.Admin.CreateStaffAccount;
using Pilito.Web.Commands;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Commands;

/// <summary>
/// `reset-two-factor --email …` for a staff member who lost their phone, and what `create-admin` says about enrolling,
/// run in-process against an app in Testing (two-factor required for the Admin role).
/// </summary>
public sealed class ResetTwoFactorCommandTests
{
    private PilitoApp _app = null!;

    [OneTimeSetUp]
    public void StartApp() => _app = new PilitoApp(null);

    [OneTimeTearDown]
    public async Task StopAppAsync() => await _app.DisposeAsync();

    [Test]
    public async Task Reset_turns_two_factor_off_ends_the_sessions_and_the_admin_must_enrol_again()
    {
        var email = await Staff.CreateAsync(_app, StaffRoles.Admin);
        using var open = await Staff.SignedInClientAsync(_app, email); // enrols and passes the second step

        var result = await OperatorCommand.RunAsync(_app, "reset-two-factor", "--email", email);
        using var afterReset = await open.GetAsync(new Uri("/admin/", UriKind.Relative));
        using var again = Staff.Client(_app);
        using var password = await Staff.SignInAsync(again, email);
        using var dashboard = await again.GetAsync(new Uri("/admin/", UriKind.Relative));

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(await Staff.AuthenticatorKeyAsync(_app, email), Is.Null, "off");
        Assert.That(afterReset.Headers.Location?.ToString(), Does.Contain("/admin/login"), "the open session ended");
        Assert.That(password.Headers.Location?.ToString(), Is.EqualTo("/admin/"), "no second step any more");
        Assert.That(dashboard.Headers.Location?.ToString(), Is.EqualTo(StaffPages.TwoFactor), "sent to enrol again");
    }

    [Test]
    public async Task Unknown_email_exits_one_and_a_bad_one_is_refused()
    {
        var unknown = await OperatorCommand.RunAsync(_app, "reset-two-factor", "--email", "nobody@pilito.test");
        var bad = await OperatorCommand.RunAsync(_app, "reset-two-factor", "--email", "not-an-email");

        Assert.That(unknown.ExitCode, Is.EqualTo(1));
        Assert.That(unknown.Output, Does.Contain("No staff account nobody@pilito.test"));
        Assert.That(bad.ExitCode, Is.Not.Zero);
        Assert.That(bad.Output, Does.Contain("valid email"));
    }

    [Test]
    public async Task Create_admin_tells_a_new_admin_to_enrol_and_a_new_staff_member_nothing()
    {
        Environment.SetEnvironmentVariable(CreateAdminCommand.PasswordVariable, Staff.Password);
        try
        {
            var admin = await OperatorCommand.RunAsync(_app, "create-admin", "--email", Staff.NextEmail());
            var staff = await OperatorCommand.RunAsync(_app, "create-admin", "--email", Staff.NextEmail(), "--role", StaffRoles.Staff);

            Assert.That(admin.ExitCode, Is.Zero, admin.Output);
            Assert.That(admin.Output, Does.Contain("enrol an authenticator app"));
            Assert.That(staff.ExitCode, Is.Zero, staff.Output);
            Assert.That(staff.Output, Does.Not.Contain("authenticator"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(CreateAdminCommand.PasswordVariable, null);
        }
    }
}
