using System.Globalization;
using System.Net;
using Pilito.Application.Admin.CreateStaffAccount;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Admin;

/// <summary>
/// Each staff action, done through the admin pages behind a trusted proxy, leaves one audit entry naming who, what,
/// which token or account, when and from which address; secrets never reach it.
/// </summary>
public sealed class StaffAuditTests : StandInFixture
{
    private const string Proxy = "127.0.0.1";
    private static int _nextAddress;

    protected override PilitoApp CreateApp(KavenegarStandIn kavenegar) =>
        new(kavenegar.BaseUrl, new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies:0"] = Proxy });

    [Test]
    public async Task Sign_in_is_recorded_with_the_staff_member_and_the_forwarded_address()
    {
        var (email, address) = (await Staff.CreateAsync(App), NextAddress());
        using var client = ClientFrom(address);

        using (await Staff.SignInAsync(client, email)) { }

        var entry = Single(await EntriesOfAsync(email), "SignIn");
        Assert.That(StaffIdOf(entry), Is.EqualTo(await StaffIdAsync(email)));
        Assert.That(entry["ClientAddress"], Is.EqualTo(address));
        Assert.That(entry["Target"], Is.Null);
        Assert.That((long)entry["OccurredAt"]!, Is.InRange(DateTimeOffset.UtcNow.AddMinutes(-1).UtcTicks, DateTimeOffset.UtcNow.UtcTicks));
    }

    [Test]
    public async Task Wrong_password_is_recorded_as_a_failed_sign_in_without_the_password()
    {
        var (email, address) = (await Staff.CreateAsync(App), NextAddress());
        using var client = ClientFrom(address);

        using (await Staff.SignInAsync(client, email, "Wrong-password-typed-42")) { }

        var entry = Single(await EntriesOfAsync(email), "SignInFailed");
        Assert.That(StaffIdOf(entry), Is.EqualTo(await StaffIdAsync(email)));
        Assert.That(entry["ClientAddress"], Is.EqualTo(address));
        Assert.That(string.Join("|", entry.Values), Does.Not.Contain("Wrong-password-typed-42"));
    }

    [Test]
    public async Task Unknown_email_is_recorded_as_typed_trimmed_and_capped_with_no_staff_id()
    {
        var typed = "  Nobody-" + new string('x', 300) + "@Pilito.test ";
        using var client = ClientFrom(NextAddress());

        using (await Staff.SignInAsync(client, typed, "Secret-typed-password-1")) { }

        var entries = await Database.AuditEntriesAsync(App);
        var entry = entries.Single(e => e["StaffEmail"] is string s && s.StartsWith("nobody-xxx", StringComparison.Ordinal));
        Assert.That(entry["Action"], Is.EqualTo("SignInFailed"));
        Assert.That(entry["StaffId"], Is.Null);
        Assert.That(entry["StaffEmail"], Is.EqualTo(typed.Trim().ToLowerInvariant()[..256]));
        Assert.That(string.Join("|", entries.SelectMany(e => e.Values)), Does.Not.Contain("Secret-typed-password-1"));
    }

    [Test]
    public async Task Sign_out_is_recorded()
    {
        var (email, address) = (await Staff.CreateAsync(App), NextAddress());
        using var client = await SignedInFromAsync(email, address);

        using (await PostFormAsync(client, "/admin/logout", null, tokenPage: "/admin/")) { }

        var entry = Single(await EntriesOfAsync(email), "SignOut");
        Assert.That(StaffIdOf(entry), Is.EqualTo(await StaffIdAsync(email)));
        Assert.That(entry["ClientAddress"], Is.EqualTo(address));
    }

    [Test]
    public async Task Invalidating_a_token_is_recorded_with_its_id()
    {
        var (email, address) = (await Staff.CreateAsync(App), NextAddress());
        using var client = await SignedInFromAsync(email, address);
        var id = await SendCodeAsync();

        using var posted = await PostFormAsync(client, TokenPath(id), "Invalidate");

        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var entry = Single(await EntriesOfAsync(email), "InvalidateOtpToken");
        Assert.That(entry["Target"], Is.EqualTo(id.ToString(CultureInfo.InvariantCulture)));
        Assert.That(entry["ClientAddress"], Is.EqualTo(address));
        Assert.That(App.Logs.All, Does.Contain($"OTP token {id} for").And.Contain($"invalidated by staff {email}"));
    }

    [Test]
    public async Task Delivery_check_is_recorded_with_the_token_id()
    {
        var (email, address) = (await Staff.CreateAsync(App), NextAddress());
        using var client = await SignedInFromAsync(email, address);
        var id = await SendCodeAsync();

        using (await PostFormAsync(client, TokenPath(id), "CheckDelivery")) { }

        var entry = Single(await EntriesOfAsync(email), "DeliveryCheck");
        Assert.That(entry["Target"], Is.EqualTo(id.ToString(CultureInfo.InvariantCulture)));
        Assert.That(entry["ClientAddress"], Is.EqualTo(address));
    }

    [TestCase("Lock", "LockUser", "locked")]
    [TestCase("Unlock", "UnlockUser", "unlocked")]
    public async Task Locking_and_unlocking_an_account_are_recorded_with_its_id(string handler, string action, string logged)
    {
        var (email, address) = (await Staff.CreateAsync(App), NextAddress());
        using var client = await SignedInFromAsync(email, address);
        var userId = (await Client.SignInAsync(Phones.NextNational())).GetProperty("user").GetProperty("id").GetGuid();

        using var posted = await PostFormAsync(client, "/admin/accounts/user/", $"{handler}&id={userId}");

        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var entry = Single(await EntriesOfAsync(email), action);
        Assert.That(entry["Target"], Is.EqualTo(userId.ToString()));
        Assert.That(entry["ClientAddress"], Is.EqualTo(address));
        Assert.That(App.Logs.All, Does.Contain($"Phone account {userId} {logged} by staff {email}"));
    }

    [Test]
    public async Task Test_sms_is_recorded_with_the_receptor_masked()
    {
        var (email, address) = (await Staff.CreateAsync(App, StaffRoles.Admin), NextAddress());
        using var client = await SignedInFromAsync(email, address);
        var phone = Phones.NextNational();

        using (await PostFormAsync(client, "/admin/diagnostics/", "TestSms",
            new() { ["TestSms.Receptor"] = phone, ["TestSms.Method"] = "send" })) { }

        var entry = Single(await EntriesOfAsync(email), "TestSms");
        var e164 = Phones.ToE164(phone);
        Assert.That(entry["Target"], Is.EqualTo($"{e164[..6]}****{e164[^3..]}"));
        Assert.That(entry["ClientAddress"], Is.EqualTo(address));
        Assert.That(App.Logs.All, Does.Contain($"Staff audit: {email} TestSms"));
    }

    [Test]
    public async Task Two_factor_changes_are_recorded()
    {
        var (email, address) = (await Staff.CreateAsync(App), NextAddress());
        using var client = await SignedInFromAsync(email, address);

        await StaffPages.EnrolAsync(client, Staff.Now(App));
        using (await StaffPages.PostAsync(client, StaffPages.TwoFactor, "RecoveryCodes")) { }
        using (await StaffPages.PostAsync(client, StaffPages.TwoFactor, "Disable")) { }

        var entries = await EntriesOfAsync(email);
        foreach (var action in new[] { "TwoFactorEnabled", "RecoveryCodesRenewed", "TwoFactorDisabled" })
        {
            var entry = Single(entries, action);
            Assert.That(StaffIdOf(entry), Is.EqualTo(await StaffIdAsync(email)), action);
            Assert.That(entry["ClientAddress"], Is.EqualTo(address), action);
        }
    }

    [Test]
    public async Task The_second_sign_in_step_is_recorded_its_failures_and_a_spent_recovery_code_too()
    {
        var (email, address) = (await Staff.CreateAsync(App), NextAddress());
        string key;
        IReadOnlyList<string> recoveryCodes;
        using (var enrolling = await SignedInFromAsync(email, address))
            (key, recoveryCodes) = await StaffPages.EnrolAsync(enrolling, Staff.Now(App));
        using var client = ClientFrom(address);
        using (var password = await Staff.SignInAsync(client, email))
            Assert.That(password.Headers.Location?.ToString(), Does.StartWith(Staff.TwoFactorSignInPath));

        using (await Staff.SecondStepAsync(client, Totp.WrongCode(key, Staff.Now(App)))) { }
        using (var recovered = await Staff.SecondStepAsync(client, recoveryCodes[0]))
            Assert.That(recovered.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "signed in with a recovery code");

        var entries = await EntriesOfAsync(email);
        Assert.That(entries.Count(e => Equals(e["Action"], "SignIn")), Is.EqualTo(2), "the first sign-in, then the second step's");
        var failed = Single(entries, "SignInFailed");
        Assert.That(StaffIdOf(failed), Is.EqualTo(await StaffIdAsync(email)));
        Assert.That(failed["ClientAddress"], Is.EqualTo(address));
        Assert.That(Single(entries, "RecoveryCodeUsed")["ClientAddress"], Is.EqualTo(address));
        Assert.That(string.Join("|", entries.SelectMany(e => e.Values)), Does.Not.Contain(recoveryCodes[0]), "the code itself is never stored");
    }

    private static string NextAddress() => $"203.0.113.{Interlocked.Increment(ref _nextAddress) % 250 + 1}";

    private HttpClient ClientFrom(string address)
    {
        var client = Staff.Client(App);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    private async Task<HttpClient> SignedInFromAsync(string email, string address)
    {
        var client = ClientFrom(address);
        await Staff.SignInFullyAsync(App, client, email);
        return client;
    }

    private async Task<List<Dictionary<string, object?>>> EntriesOfAsync(string email) =>
        [.. (await Database.AuditEntriesAsync(App)).Where(e => Equals(e["StaffEmail"], email))];

    private static Dictionary<string, object?> Single(List<Dictionary<string, object?>> entries, string action)
    {
        var matching = entries.Where(e => Equals(e["Action"], action)).ToList();
        Assert.That(matching, Has.Count.EqualTo(1), $"one {action} entry among {entries.Count}");
        return matching[0];
    }

    private static Guid? StaffIdOf(Dictionary<string, object?> entry) => entry["StaffId"] is string id ? Guid.Parse(id) : null;

    private async Task<Guid> StaffIdAsync(string email)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(App.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id FROM AspNetUsers WHERE Email = $email";
        command.Parameters.AddWithValue("$email", email);
        return Guid.Parse((string)(await command.ExecuteScalarAsync())!);
    }

    private async Task<long> SendCodeAsync()
    {
        var phone = Phones.NextNational();
        await Client.RequestCodeAsync(phone);
        return (long)(await Database.ReadNewestTokenAsync(App, Phones.ToE164(phone)))["Id"]!;
    }

    private static string TokenPath(long id) => $"/admin/accounts/otptoken/{id.ToString(CultureInfo.InvariantCulture)}/";

    /// <summary>Posts a page's form as a browser would, with the anti-forgery token from <paramref name="tokenPage"/> (the page itself by default).</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string? handler,
        Dictionary<string, string>? fields = null, string? tokenPage = null)
    {
        var form = fields ?? [];
        form["__RequestVerificationToken"] = await Staff.AntiforgeryTokenAsync(client, tokenPage ?? path);
        var target = handler is null ? path : $"{path}?handler={handler}";
        return await client.PostAsync(new Uri(target, UriKind.Relative), new FormUrlEncodedContent(form));
    }
}
