using Pilito.Application.Common.Ports;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Infrastructure.Persistence.GroupCommit;

/// <summary>
/// One write round's view of the database, inside its transaction: what admissions, delivery answers and
/// verifications read and change. Each provider implements the reads and changes; the limits and the round's
/// bookkeeping live here.
/// </summary>
internal abstract class WriteRound
{
    private readonly Dictionary<(string Scope, string Key), SendCountWindow> _sendCounts = [];
    private readonly HashSet<PhoneNumber> _phonesClaimed = [];

    /// <summary>
    /// Claims the phone for one write (a new code or a verification) in this round. A second write for the same
    /// phone waits for the next round: it must see the first one's changes in the database (a new code supersedes
    /// the earlier one; only one account is created for a phone).
    /// </summary>
    public bool TryClaimPhone(PhoneNumber phone) => _phonesClaimed.Add(phone);

    /// <summary>The minute counts of one scope that a window starting at <paramref name="windowStart"/> can see.</summary>
    public async Task<SendCountWindow> SendCountsAsync(string scope, string key, DateTimeOffset windowStart, CancellationToken cancellationToken)
    {
        if (_sendCounts.TryGetValue((scope, key), out var window))
            return window;

        var minutes = await LoadSendCountsAsync(scope, key, OtpSendCount.MinuteOf(windowStart), cancellationToken);
        window = new SendCountWindow(scope, key, minutes);
        _sendCounts.Add((scope, key), window);
        return window;
    }

    /// <summary>When the phone's codes created after <paramref name="windowStart"/> were created, oldest first.</summary>
    public abstract Task<List<DateTimeOffset>> CreationTimesAsync(PhoneNumber phone, DateTimeOffset windowStart, CancellationToken cancellationToken);

    /// <summary>
    /// Supersedes the phone's codes that can still be used and stores <paramref name="token"/>'s data (not the
    /// object itself: a round may be staged again). Returns how to read the stored token's id after the commit.
    /// </summary>
    public abstract Task<Func<long>> IssueAsync(OtpToken token, CancellationToken cancellationToken);

    /// <summary>Records the provider's answer on the stored token; false when the token no longer exists.</summary>
    public abstract Task<bool> RecordDeliveryAsync(long tokenId, DeliveryReport report, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Runs a verification in the round's transaction and writes what it changed.</summary>
    public async Task<TResult> VerifyAsync<TResult>(Func<IVerificationRound, CancellationToken, Task<TResult>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var verification = BeginVerification();
        var result = await work(verification, cancellationToken);
        await verification.SaveAsync(cancellationToken);
        return result;
    }

    /// <summary>Writes the round's new send counts; the last step before the commit.</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => SaveAsync(_sendCounts.Values, cancellationToken);

    protected abstract VerificationRound BeginVerification();

    protected abstract Task<Dictionary<DateTimeOffset, int>> LoadSendCountsAsync(string scope, string key, DateTimeOffset fromMinute, CancellationToken cancellationToken);

    protected abstract Task SaveAsync(IEnumerable<SendCountWindow> sendCounts, CancellationToken cancellationToken);
}
