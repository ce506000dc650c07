using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Webhooks;

/// <summary>
/// Each event the issue names (#18), brought about through the API or the admin as a client or staff would, and
/// received, signature verified, by the app's backend.
/// </summary>
public sealed class WebhookEventTests : StandInFixture
{
    private WebhookReceiver _receiver = null!;

    protected override async Task StartOtherStandInsAsync() => _receiver = await WebhookReceiver.StartAsync();

    protected override async ValueTask StopOtherStandInsAsync()
    {
        if (_receiver is not null)
            await _receiver.DisposeAsync();
    }

    protected override PilitoApp CreateApp(KavenegarStandIn kavenegar) => NewApp(kavenegar.BaseUrl, new Dictionary<string, string?>
    {
        ["Webhooks:Endpoints:0:Url"] = _receiver.Url.ToString(),
        ["Webhooks:Endpoints:0:Secret"] = WebhookReceiver.Secret,
        ["Webhooks:PollInterval"] = "00:00:00.100",
    });

    [Test]
    public async Task A_code_the_provider_refuses_is_reported_failed_with_the_reason()
    {
        var phone = Phones.NextNational();
        Kavenegar.SetReceptor(phone, new StandInBehaviour.Status(418)); // Kavenegar: the account cannot send to it

        using var response = await Client.RequestOtpAsync(phone);

        Assert.That((int)response.StatusCode, Is.GreaterThanOrEqualTo(400));
        var failed = await ForPhoneAsync("otp.failed", phone);
        Assert.That(Text(failed, "reason"), Is.EqualTo("refused"));
        Assert.That(Text(failed, "provider"), Is.EqualTo("Kavenegar"));
        Assert.That(_receiver.OfType("otp.sent").Any(r => Text(r, "phone_number") == Phones.ToE164(phone)), Is.False);
    }

    [Test]
    public async Task The_wrong_code_that_locks_a_code_is_reported_once()
    {
        var phone = Phones.NextNational();
        var (code, verificationId) = await Client.RequestVerificationAsync(phone);
        var wrong = code == "000000" ? "111111" : "000000";

        for (var i = 0; i < 6; i++)
        {
            using var attempt = await Client.VerifyOtpAsync(phone, wrong, verificationId); // the requester's own tries lock the code
        }

        var locked = await ForPhoneAsync("otp.locked", phone);
        Assert.That(locked.Data.GetProperty("failed_attempts").GetInt32(), Is.EqualTo(5));
        var stored = (await Outbox.RowsAsync(App)).Where(r => (string)r["EventType"]! == "otp.locked"
            && ((string)r["Payload"]!).Contains(Phones.ToE164(phone)[1..], StringComparison.Ordinal));
        Assert.That(stored.Count(), Is.EqualTo(1), "the sixth attempt, refused as locked, reports nothing more");
    }

    [Test]
    public async Task Signing_out_and_replaying_a_spent_refresh_token_each_revoke_a_session()
    {
        var phone = Phones.NextNational();
        var first = await Client.SignInAsync(phone);
        var userId = first.GetProperty("user").GetProperty("id").GetString();
        var second = await Client.SignInAsync(phone);

        using (await Client.PostAsJsonAsync("/api/v1/usr/logout", new Dictionary<string, string> { ["refresh_token"] = Refresh(first) })) { }
        using (await Client.PostAsJsonAsync("/api/v1/usr/token/refresh", new Dictionary<string, string> { ["refresh_token"] = Refresh(second) })) { }
        using (await Client.PostAsJsonAsync("/api/v1/usr/token/refresh", new Dictionary<string, string> { ["refresh_token"] = Refresh(second) })) { }

        var logout = await _receiver.WaitForAsync(r => r.Type == "session.revoked" && Text(r, "user_id") == userId && Text(r, "reason") == "logout", "logout");
        var reuse = await _receiver.WaitForAsync(r => r.Type == "session.revoked" && Text(r, "user_id") == userId && Text(r, "reason") == "refresh_reuse", "reuse");
        Assert.That(Text(logout, "session_id"), Is.Not.EqualTo(Text(reuse, "session_id")), "two sessions, one event each");
        Assert.That(_receiver.Received.Count(r => r.Type == "session.revoked" && Text(r, "user_id") == userId), Is.EqualTo(2));
    }

    [Test]
    public async Task Staff_locking_and_unlocking_an_account_are_reported_with_the_sessions_the_lock_ended()
    {
        var signIn = await Client.SignInAsync(Phones.NextNational());
        var userId = signIn.GetProperty("user").GetProperty("id").GetString()!;
        using var staff = await Staff.SignedInClientAsync(App);

        using (await StaffPages.PostAsync(staff, "/admin/accounts/user/", $"Lock&id={userId}")) { }
        await _receiver.WaitForAsync(r => r.Type == "session.revoked" && Text(r, "user_id") == userId && Text(r, "reason") == "locked", "session ended by the lock");
        using (await StaffPages.PostAsync(staff, "/admin/accounts/user/", $"Unlock&id={userId}")) { }

        var locked = await _receiver.WaitForAsync(r => r.Type == "user.locked" && Text(r, "user_id") == userId, "user.locked");
        var unlocked = await _receiver.WaitForAsync(r => r.Type == "user.unlocked" && Text(r, "user_id") == userId, "user.unlocked");
        Assert.That(Text(locked, "by"), Is.EqualTo("staff"));
        Assert.That(Text(unlocked, "by"), Is.EqualTo("staff"));
    }

    [Test]
    public async Task A_phone_change_reports_the_verified_code_and_the_other_sessions_it_ended()
    {
        var phone = Phones.NextNational();
        var kept = await Client.SignInAsync(phone);
        await Client.SignInAsync(phone); // another device
        var userId = kept.GetProperty("user").GetProperty("id").GetString();
        var newPhone = Phones.NextNational();
        var (code, verificationId) = await Client.RequestPhoneChangeCodeAsync(PhoneChangeClient.AccessTokenOf(kept), newPhone);

        using var moved = await Client.VerifyPhoneChangeAsync(PhoneChangeClient.AccessTokenOf(kept), newPhone, code, verificationId);

        Assert.That(moved.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var verified = await ForPhoneAsync("otp.verified", newPhone);
        Assert.That(Text(verified, "user_id"), Is.EqualTo(userId));
        var ended = await _receiver.WaitForAsync(r => r.Type == "session.revoked" && Text(r, "user_id") == userId && Text(r, "reason") == "phone_changed", "phone_changed");
        Assert.That(Text(ended, "session_id"), Is.Not.Null);
        Assert.That(_receiver.OfType("user.created").Any(r => Text(r, "phone_number") == Phones.ToE164(newPhone)), Is.False, "moved, not created");
    }

    private Task<ReceivedWebhook> ForPhoneAsync(string type, string phone) =>
        _receiver.WaitForAsync(r => r.Type == type && Text(r, "phone_number") == Phones.ToE164(phone), $"{type} for {phone}");

    private static string Refresh(JsonElement signIn) => signIn.GetProperty("refresh_token").GetString()!;

    private static string? Text(ReceivedWebhook webhook, string field) =>
        webhook.Data.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
