using System.Text.Json;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Writes;
using Pilito.Domain.Accounts;
using Pilito.Domain.Otp;
using Pilito.Domain.Webhooks;

namespace Pilito.Application.Webhooks;

/// <summary>
/// Turns what happened into outbox messages, one per endpoint that receives the event, added to the transaction that
/// makes the change (so an event is stored exactly when its change is). The payload is Standard Webhooks' recommended
/// <c>{"type", "timestamp", "data"}</c>; data holds ids and the phone, never a code or a token (docs/webhooks.md).
/// </summary>
public sealed class WebhookEvents(IOptions<WebhookOptions> options)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public bool Enabled => options.Value.Enabled;

    public void OtpSent(IOtpTransaction transaction, OtpToken token, DateTimeOffset at) =>
        Publish(transaction, WebhookEventTypes.OtpSent, at, OtpData(token, reason: null));

    /// <param name="reason">"refused" (the provider sent nothing) or "undelivered" (the operator reported it lost).</param>
    public void OtpFailed(IOtpTransaction transaction, OtpToken token, string reason, DateTimeOffset at) =>
        Publish(transaction, WebhookEventTypes.OtpFailed, at, OtpData(token, reason));

    public void OtpVerified(IOtpTransaction transaction, OtpToken token, Guid? userId, DateTimeOffset at) =>
        Publish(transaction, WebhookEventTypes.OtpVerified, at, new { TokenId = token.Id, PhoneNumber = token.Phone.E164, UserId = userId });

    public void OtpLocked(IOtpTransaction transaction, OtpToken token, DateTimeOffset at) =>
        Publish(transaction, WebhookEventTypes.OtpLocked, at, new { TokenId = token.Id, PhoneNumber = token.Phone.E164, token.FailedAttempts });

    public void UserCreated(IOtpTransaction transaction, Guid userId, string phoneNumber, DateTimeOffset at) =>
        Publish(transaction, WebhookEventTypes.UserCreated, at, new { UserId = userId, PhoneNumber = phoneNumber });

    /// <summary>One event per session the revocation ended (those already revoked are not reported again).</summary>
    /// <param name="reason">"logout", "logout_all", "refresh_reuse", "locked".</param>
    public void SessionsRevoked(IOtpTransaction transaction, IEnumerable<RefreshToken> revoked, string reason, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(revoked);
        foreach (var session in revoked.DistinctBy(t => t.FamilyId))
            Publish(transaction, WebhookEventTypes.SessionRevoked, at, new { session.UserId, SessionId = session.FamilyId, Reason = reason });
    }

    /// <summary>The messages of staff's lock or unlock, stored with the account's change outside the writer.</summary>
    public IReadOnlyList<WebhookMessage> UserLockChanged(Guid userId, bool locked, DateTimeOffset at) =>
        Messages(locked ? WebhookEventTypes.UserLocked : WebhookEventTypes.UserUnlocked, at, new { UserId = userId, By = "staff" });

    private void Publish(IOtpTransaction transaction, string eventType, DateTimeOffset at, object data)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        foreach (var message in Messages(eventType, at, data))
            transaction.Add(message);
    }

    private IReadOnlyList<WebhookMessage> Messages(string eventType, DateTimeOffset at, object data)
    {
        var endpoints = options.Value.Endpoints.Where(e => e.Receives(eventType)).ToList();
        if (endpoints.Count == 0)
            return [];

        var payload = JsonSerializer.Serialize(new Envelope(eventType, at.UtcDateTime, data), Json);
        var messageId = "msg_" + Guid.CreateVersion7(at).ToString("N");
        return [.. endpoints.Select(e => WebhookMessage.Create(messageId, eventType, payload, e.Url!, at))];
    }

    private static object OtpData(OtpToken token, string? reason) => new
    {
        TokenId = token.Id,
        PhoneNumber = token.Phone.E164,
        Channel = token.Channel == OtpChannel.Call ? "call" : "sms",
        Provider = token.DeliveryProvider,
        Reason = reason,
    };

    private sealed record Envelope(string Type, DateTime Timestamp, object Data);
}
