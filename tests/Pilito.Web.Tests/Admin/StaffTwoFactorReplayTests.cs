using System.Net;
using Pilito.Application.Admin.CreateStaffAccount;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Admin;

/// <summary>
/// An authenticator code signs in once. Identity's provider accepted the same code again for as long as its step was
/// in the window (about a minute and a half), so a code seen over a shoulder, in a screenshot or in a proxy's log
/// opened a second session with the password.
/// </summary>
public sealed class StaffTwoFactorReplayTests
{
    private const string InvalidCode = "The code is not valid.";

    [Test]
    public async Task A_code_that_signed_in_once_is_refused_the_second_time()
    {
        await using var app = new PilitoApp(null);
        var (email, key) = await EnrolledAsync(app);
        var code = Totp.Code(key, Staff.Now(app));
        using var first = await PastPasswordAsync(app, email);
        using (var signedIn = await Staff.SecondStepAsync(first, code))
            Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        using var second = await PastPasswordAsync(app, email);
        using var replayed = await Staff.SecondStepAsync(second, code);

        Assert.That(replayed.StatusCode, Is.EqualTo(HttpStatusCode.OK), "still on the code page");
        Assert.That(await replayed.Content.ReadAsStringAsync(), Does.Contain(InvalidCode));
    }

    [Test]
    public async Task The_next_steps_code_still_signs_in_after_one_was_used()
    {
        await using var app = new PilitoApp(null);
        var (email, key) = await EnrolledAsync(app);
        using var first = await PastPasswordAsync(app, email);
        using (await Staff.SecondStepAsync(first, Totp.Code(key, Staff.Now(app)))) { }

        using var second = await PastPasswordAsync(app, email);
        using var next = await Staff.SecondStepAsync(second, Totp.Code(key, Staff.Now(app).AddSeconds(30)));

        Assert.That(next.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "a phone a little ahead gives the next step's code");
    }

    [Test]
    public async Task The_code_that_confirmed_enrolment_does_not_sign_in()
    {
        await using var app = new PilitoApp(null);
        var email = await Staff.CreateAsync(app);
        string code;
        using (var enrolling = await Staff.SignedInClientAsync(app, email))
        {
            // One instant for both: a second reading could fall in the next 30-second step, whose code is fresh.
            var now = Staff.Now(app);
            var (key, _) = await StaffPages.EnrolAsync(enrolling, now);
            code = Totp.Code(key, now);
        }

        using var client = await PastPasswordAsync(app, email);
        using var replayed = await Staff.SecondStepAsync(client, code);

        Assert.That(await replayed.Content.ReadAsStringAsync(), Does.Contain(InvalidCode));
    }

    [Test]
    public async Task Two_sign_ins_racing_with_one_code_get_one_session()
    {
        await using var app = new PilitoApp(null);
        var (email, key) = await EnrolledAsync(app);
        var code = Totp.Code(key, Staff.Now(app));
        var clients = new List<HttpClient>();
        for (var i = 0; i < 4; i++)
            clients.Add(await PastPasswordAsync(app, email));

        var answers = await Task.WhenAll(clients.Select(async c =>
        {
            using var response = await Staff.SecondStepAsync(c, code);
            return response.StatusCode;
        }));
        clients.ForEach(c => c.Dispose());

        Assert.That(answers.Count(a => a == HttpStatusCode.Redirect), Is.EqualTo(1), string.Join(", ", answers));
        Assert.That(answers.Count(a => a == HttpStatusCode.OK), Is.EqualTo(3), $"the others stay on the code page, no server error: {string.Join(", ", answers)}");
    }

    private static async Task<(string Email, string Key)> EnrolledAsync(PilitoApp app)
    {
        var email = await Staff.CreateAsync(app, StaffRoles.Staff);
        return (email, await Staff.EnrolAsync(app, email));
    }

    private static async Task<HttpClient> PastPasswordAsync(PilitoApp app, string email)
    {
        var client = Staff.Client(app);
        using var password = await Staff.SignInAsync(client, email);
        Assert.That(password.Headers.Location?.ToString(), Does.StartWith(Staff.TwoFactorSignInPath), "asked for the code");
        return client;
    }
}
