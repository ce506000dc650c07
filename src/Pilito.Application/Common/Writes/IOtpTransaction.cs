using Pilito.Application.Common.Ports;
using Pilito.Domain.Accounts;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;
using Pilito.Domain.Webhooks;

namespace Pilito.Application.Common.Writes;

/// <summary>
/// What a write reads and adds inside its transaction (see <see cref="IOtpWriter"/>). The OTP and refresh tokens it
/// finds are tracked: whatever their own methods change, and whatever is added, is saved when the work returns. It
/// only finds and stores; every rule is the caller's or the domain's.
/// </summary>
public interface IOtpTransaction
{
    Task<OtpToken?> FindTokenAsync(long id, CancellationToken cancellationToken);

    Task<OtpToken?> FindNewestTokenAsync(PhoneNumber phone, CancellationToken cancellationToken);

    /// <summary>
    /// The phone's newest token whose code request was answered with this verification id (a voice call that replaced
    /// an undelivered SMS carries its id too); null when none was.
    /// </summary>
    Task<OtpToken?> FindTokenByVerificationIdAsync(PhoneNumber phone, string verificationId, CancellationToken cancellationToken);

    /// <summary>The phone's tokens in one of <see cref="OtpToken.UsableStatuses"/>.</summary>
    Task<IReadOnlyList<OtpToken>> FindUsableTokensAsync(PhoneNumber phone, CancellationToken cancellationToken);

    /// <summary>When the phone's tokens created after <paramref name="since"/> were created, oldest first.</summary>
    Task<IReadOnlyList<DateTimeOffset>> FindCreationTimesAsync(PhoneNumber phone, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Stores a new token; its <see cref="OtpToken.Id"/> is set once the work has returned.</summary>
    void Add(OtpToken token);

    /// <summary>
    /// What was counted per minute in <paramref name="scope"/> (codes sent, failed attempts …) that a window starting
    /// at <paramref name="windowStart"/> can see. One object per scope for the whole transaction, loaded by its first
    /// call (so that call asks for the longest window): what is added to it is stored at the commit.
    /// </summary>
    Task<CountWindow> FindCountsAsync(CountScope scope, DateTimeOffset windowStart, CancellationToken cancellationToken);

    /// <summary>The phone's account, locked or not as of <paramref name="now"/>; null when it has none.</summary>
    Task<UserAccount?> FindAccountAsync(PhoneNumber phone, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The account with this id, locked or not as of <paramref name="now"/>; null when there is none.</summary>
    Task<UserAccount?> FindAccountAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Stores a new account for the phone (phone confirmed) as Identity would create it.</summary>
    UserAccount AddAccount(PhoneNumber phone, DateTimeOffset joinedAt);

    /// <summary>Records a sign-in on an account this transaction found or added.</summary>
    void RecordSignIn(UserAccount account, DateTimeOffset at);

    /// <summary>
    /// Moves an account this transaction found to <paramref name="phone"/> (its user name and confirmed phone, as
    /// Identity names them, and a new security stamp), freeing the old number; the account as it is now. Whether the
    /// number is free is the caller's to check in the same transaction; the unique index on the name backs it.
    /// </summary>
    UserAccount ChangeAccountPhone(UserAccount account, PhoneNumber phone, DateTimeOffset at);

    Task<RefreshToken?> FindRefreshTokenAsync(byte[] tokenHash, CancellationToken cancellationToken);

    /// <summary>Every token of the family, spent and revoked ones included.</summary>
    Task<IReadOnlyList<RefreshToken>> FindRefreshFamilyAsync(Guid familyId, CancellationToken cancellationToken);

    /// <summary>The account's refresh tokens that are not revoked yet, of every family (spent ones included).</summary>
    Task<IReadOnlyList<RefreshToken>> FindUnrevokedRefreshTokensAsync(Guid userId, CancellationToken cancellationToken);

    void Add(RefreshToken token);

    /// <summary>Stores an outbox message: committed with the change it reports, or not at all.</summary>
    void Add(WebhookMessage message);
}
