namespace Pilito.Domain.Webhooks;

/// <summary>The events Pilito reports to the app's backend, by the names their payloads carry in <c>type</c>.</summary>
public static class WebhookEventTypes
{
    /// <summary>A provider accepted a code's SMS or call (or a test number's code was issued: nothing was sent).</summary>
    public const string OtpSent = "otp.sent";

    /// <summary>A code did not reach the phone: the provider refused it, or reported it undelivered.</summary>
    public const string OtpFailed = "otp.failed";

    public const string OtpVerified = "otp.verified";

    /// <summary>A code took its last wrong attempt and can no longer be verified.</summary>
    public const string OtpLocked = "otp.locked";

    public const string UserCreated = "user.created";

    public const string UserLocked = "user.locked";

    public const string UserUnlocked = "user.unlocked";

    /// <summary>A session (a refresh-token family) was ended: sign-out, a reused refresh token, a lock.</summary>
    public const string SessionRevoked = "session.revoked";

    public static IReadOnlyList<string> All { get; } =
        [OtpSent, OtpFailed, OtpVerified, OtpLocked, UserCreated, UserLocked, UserUnlocked, SessionRevoked];

    public static bool IsKnown(string type) => All.Contains(type, StringComparer.Ordinal);
}
