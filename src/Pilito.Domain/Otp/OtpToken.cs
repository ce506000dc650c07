using System.Security.Cryptography;
using Pilito.Domain.Phones;

namespace Pilito.Domain.Otp;

/// <summary>One code sent to one phone, from issue to verification. Holds the code's hash, never the code.</summary>
public sealed class OtpToken
{
    private OtpToken()
    {
        Phone = null!;
        CodeHash = null!;
    }

    public long Id { get; private set; }
    public PhoneNumber Phone { get; private set; }
    public byte[] CodeHash { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public OtpStatus Status { get; private set; }
    /// <summary>Wrong codes tried, with or without the verification id.</summary>
    public int FailedAttempts { get; private set; }

    /// <summary>Of <see cref="FailedAttempts"/>, those that came without the verification id (strangers, old clients).</summary>
    public int FailedAttemptsWithoutId { get; private set; }

    /// <summary>
    /// The handle the request for this code was answered with: random and unguessable, so attempts that carry it come
    /// from whoever asked for the code. Null for codes issued before handles existed.
    /// </summary>
    public string? VerificationId { get; private set; }
    public DateTimeOffset? VerifiedAt { get; private set; }
    public string? ClientIp { get; private set; }

    /// <summary>How the code was sent: SMS or a voice call. It counts against the same limits either way.</summary>
    public OtpChannel Channel { get; private set; }

    public string? DeliveryProvider { get; private set; }
    public string? ProviderMessageId { get; private set; }
    public int? ProviderStatusCode { get; private set; }
    public string? ProviderError { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>The provider's last known delivery status of the message (Kavenegar: 1 queued … 10 delivered, 11 undelivered …).</summary>
    public int? DeliveryStatus { get; private set; }
    public string? DeliveryStatusText { get; private set; }
    public DateTimeOffset? DeliveryCheckedAt { get; private set; }

    /// <summary>What the last delivery report means; null until the provider has been asked.</summary>
    public DeliveryOutcome? DeliveryOutcome { get; private set; }

    /// <summary>The operator of the phone's range when the code was issued (<see cref="MobileOperators"/>); null for older codes.</summary>
    public string? Operator { get; private set; }

    /// <summary>
    /// For a voice call that replaced an undelivered SMS (Otp:FallbackToCall): the SMS's token, whose verification id
    /// this one carries. Null for every other code.
    /// </summary>
    public long? ReplacesTokenId { get; private set; }

    /// <summary>
    /// For a code sent to move an account to this phone (<c>POST /api/v1/usr/phone</c>): that account. Null for a
    /// sign-in code. A code verifies only for the purpose it was issued for, so a phone-change code never signs anyone
    /// in and a sign-in code never moves an account.
    /// </summary>
    public Guid? PhoneChangeAccountId { get; private set; }

    /// <summary>When staff invalidated the code (status Revoked).</summary>
    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>Bumped on every change; the database refuses a write based on a stale copy.</summary>
    public int Version { get; private set; }

    public static OtpToken Issue(PhoneNumber phone, byte[] codeHash, DateTimeOffset now, TimeSpan lifetime, string? clientIp, string? verificationId = null,
        OtpChannel channel = OtpChannel.Sms, Guid? phoneChangeAccountId = null)
    {
        ArgumentNullException.ThrowIfNull(phone);
        ArgumentNullException.ThrowIfNull(codeHash);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        return new OtpToken
        {
            Phone = phone,
            CodeHash = codeHash,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
            Status = OtpStatus.Pending,
            ClientIp = clientIp,
            VerificationId = verificationId,
            Channel = channel,
            Operator = MobileOperators.Of(phone),
            PhoneChangeAccountId = phoneChangeAccountId,
        };
    }

    /// <summary>The token as it was stored (see <see cref="StoredOtpToken"/>).</summary>
    public static OtpToken Restore(StoredOtpToken stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return new OtpToken
        {
            Id = stored.Id,
            Phone = stored.Phone,
            CodeHash = stored.CodeHash,
            CreatedAt = stored.CreatedAt,
            ExpiresAt = stored.ExpiresAt,
            Status = stored.Status,
            FailedAttempts = stored.FailedAttempts,
            FailedAttemptsWithoutId = stored.FailedAttemptsWithoutId,
            VerificationId = stored.VerificationId,
            VerifiedAt = stored.VerifiedAt,
            ClientIp = stored.ClientIp,
            Channel = stored.Channel,
            DeliveryProvider = stored.DeliveryProvider,
            ProviderMessageId = stored.ProviderMessageId,
            ProviderStatusCode = stored.ProviderStatusCode,
            ProviderError = stored.ProviderError,
            SentAt = stored.SentAt,
            DeliveryStatus = stored.DeliveryStatus,
            DeliveryStatusText = stored.DeliveryStatusText,
            DeliveryCheckedAt = stored.DeliveryCheckedAt,
            DeliveryOutcome = stored.DeliveryOutcome,
            Operator = stored.Operator,
            ReplacesTokenId = stored.ReplacesTokenId,
            RevokedAt = stored.RevokedAt,
            PhoneChangeAccountId = stored.PhoneChangeAccountId,
            Version = stored.Version,
        };
    }

    public bool IsExpiredAt(DateTimeOffset now) => now >= ExpiresAt;

    /// <summary>
    /// An SMS code the provider reported undelivered, still waiting to be typed: a voice call with a new code may
    /// replace it. Not a call, nor a code already replaced, verified, locked or expired, so it happens once.
    /// </summary>
    public bool CanFallBackToCall(DateTimeOffset now) =>
        Channel == OtpChannel.Sms && Status == OtpStatus.Sent && DeliveryOutcome == Otp.DeliveryOutcome.Failed && !IsExpiredAt(now);

    /// <summary>
    /// The voice call that replaces this undelivered SMS: a new code with a full lifetime and this token's verification
    /// id, so the client that asked goes on with the handle it holds. This token is superseded.
    /// </summary>
    public OtpToken FallBackToCall(byte[] codeHash, DateTimeOffset now, TimeSpan lifetime)
    {
        if (!CanFallBackToCall(now))
            throw new InvalidOperationException("Only a sent, undelivered, unexpired SMS code can fall back to a call.");
        var call = Issue(Phone, codeHash, now, lifetime, ClientIp, VerificationId, OtpChannel.Call, PhoneChangeAccountId);
        call.ReplacesTokenId = Id;
        Supersede();
        return call;
    }

    /// <summary>
    /// Records the provider's answer: a pending code is sent (or failed); a code that was superseded or settled while its
    /// SMS was in flight keeps its status.
    /// </summary>
    public void RecordDelivery(DeliveryReport report, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(report);
        DeliveryProvider = report.Provider;
        ProviderMessageId = report.ProviderMessageId;
        ProviderStatusCode = report.ProviderStatusCode;
        ProviderError = report.ProviderError;
        if (report.Accepted)
            SentAt = now;
        if (Status == OtpStatus.Pending)
            Status = report.Accepted ? OtpStatus.Sent : OtpStatus.SendFailed;
        Touch();
    }

    /// <summary>A code in one of these states can still be used, so a newer code for the phone supersedes it.</summary>
    public static IReadOnlyList<OtpStatus> UsableStatuses { get; } = [OtpStatus.Pending, OtpStatus.Sent];

    /// <summary>Whether the provider's last report was final: nothing more will be learned by asking.</summary>
    public bool IsDeliverySettled => DeliveryOutcome is not (null or Otp.DeliveryOutcome.Pending);

    /// <summary>
    /// Records what the provider says became of the message; does not change the code's own status. True when this
    /// report settles the delivery (the first final one); a settled delivery keeps its outcome.
    /// </summary>
    public bool RecordDeliveryStatus(int status, string? statusText, DeliveryOutcome outcome, DateTimeOffset now)
    {
        DeliveryCheckedAt = now;
        Touch();
        if (IsDeliverySettled)
            return false;
        DeliveryStatus = status;
        DeliveryStatusText = statusText;
        DeliveryOutcome = outcome;
        return IsDeliverySettled;
    }

    /// <summary>
    /// Checks a code typed for this token. <paramref name="attempt"/> says whether it came with the token's verification
    /// id: attempts with it are the requester's and may use a code that a newer one superseded; attempts without it
    /// (old clients, strangers) only reach the phone's newest code, and when the token has an id their failures lock
    /// only themselves out, so a stranger cannot lock the requester's code.
    /// <paramref name="phoneChangeAccountId"/> is the purpose of the attempt (null: a sign-in; an id: moving that
    /// account to this phone): a code issued for another purpose is not usable for it, and the attempt neither
    /// counts against it nor learns anything about its state.
    /// </summary>
    public VerifyOutcome TryVerify(byte[] submittedHash, VerifyAttempt attempt, int maxAttempts, DateTimeOffset now, Guid? phoneChangeAccountId = null)
    {
        ArgumentNullException.ThrowIfNull(submittedHash);
        if (PhoneChangeAccountId != phoneChangeAccountId)
            return VerifyOutcome.NotUsable;
        if (Status == OtpStatus.Locked)
            return VerifyOutcome.Locked;
        if (!CanBeTriedWith(attempt))
            return VerifyOutcome.NotUsable;
        if (attempt == VerifyAttempt.WithoutId && VerificationId is not null && FailedAttemptsWithoutId >= maxAttempts)
            return VerifyOutcome.Locked;
        if (IsExpiredAt(now))
        {
            if (Status == OtpStatus.Sent)
            {
                Status = OtpStatus.Expired;
                Touch();
            }

            return VerifyOutcome.Expired;
        }

        Touch();
        if (!CryptographicOperations.FixedTimeEquals(CodeHash, submittedHash))
        {
            // The attempt that reaches the limit is still answered as a wrong code; the next one sees the lock.
            RecordWrongCode(attempt, maxAttempts);
            return VerifyOutcome.WrongCode;
        }

        Status = OtpStatus.Verified;
        VerifiedAt = now;
        return VerifyOutcome.Verified;
    }

    private bool CanBeTriedWith(VerifyAttempt attempt) => attempt == VerifyAttempt.WithoutId
        ? Status == OtpStatus.Sent
        : Status == OtpStatus.Sent || (Status == OtpStatus.Superseded && SentAt is not null);

    private void RecordWrongCode(VerifyAttempt attempt, int maxAttempts)
    {
        FailedAttempts++;
        if (attempt == VerifyAttempt.WithoutId)
            FailedAttemptsWithoutId++;

        // A token without an id (issued before ids existed) has one count and locks whole, as every token did then.
        if (VerificationId is null ? FailedAttempts >= maxAttempts
            : attempt == VerifyAttempt.WithId && FailedAttempts - FailedAttemptsWithoutId >= maxAttempts)
            Status = OtpStatus.Locked;
    }

    /// <summary>A newer code was issued for this phone: this one can no longer be used.</summary>
    public void Supersede()
    {
        if (UsableStatuses.Contains(Status))
        {
            Status = OtpStatus.Superseded;
            Touch();
        }
    }

    /// <summary>
    /// Staff invalidate a code that may still be used (pending or sent): it is revoked and refused from now on.
    /// False, and nothing changed, for a code that is already settled.
    /// </summary>
    public bool Invalidate(DateTimeOffset now)
    {
        if (!UsableStatuses.Contains(Status))
            return false;
        Status = OtpStatus.Revoked;
        RevokedAt = now;
        Touch();
        return true;
    }

    private void Touch() => Version++;
}
