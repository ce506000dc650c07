using Pilito.Application.Common.Ports;
using Pilito.Application.Common.Writes;
using Pilito.Domain.Accounts;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;
using Pilito.Domain.Webhooks;
using Pilito.Infrastructure.Identity;

namespace Pilito.Infrastructure.Persistence.GroupCommit;

/// <summary>
/// One round of the writer: the writes of several requests in one database transaction, each saved when its work
/// returns (so the next write of the round reads it), the limit counts added once before the commit. Each provider
/// finds and stores rows; what to change is decided by the work (the handlers and the domain).
/// </summary>
internal abstract class WriteRound(PhoneAccounts accounts) : IOtpTransaction
{
    private readonly Dictionary<CountScope, CountWindow> _counts = [];
    private readonly Dictionary<CountScope, DateTimeOffset> _expectedCounts = [];
    private readonly HashSet<PhoneNumber> _phonesClaimed = [];
    private readonly Dictionary<Guid, PilitoUser> _users = [];

    /// <summary>
    /// The phones whose rows the round's writes will read (null for a write that names none), told before the first
    /// write is staged: a provider may read them all at once rather than one write at a time.
    /// </summary>
    public virtual void WillRead(IEnumerable<PhoneNumber?> phones)
    {
    }

    /// <summary>
    /// The count windows the round's writes said they will read (<see cref="CountRead"/>): the first read of any of
    /// them reads all of them (<see cref="LoadCountsAsync(IReadOnlyList{ValueTuple{CountScope, DateTimeOffset}}, CancellationToken)"/>).
    /// </summary>
    public void WillCount(IEnumerable<CountRead> reads)
    {
        ArgumentNullException.ThrowIfNull(reads);
        foreach (var read in reads)
        {
            if (!_expectedCounts.TryGetValue(read.Scope, out var start) || read.WindowStart < start)
                _expectedCounts[read.Scope] = read.WindowStart;
        }
    }

    /// <summary>Claims the phone for one write in this round; a second write for it waits for the next round.</summary>
    public bool TryClaimPhone(PhoneNumber phone) => _phonesClaimed.Add(phone);

    public abstract Task<OtpToken?> FindTokenAsync(long id, CancellationToken cancellationToken);

    public abstract Task<OtpToken?> FindNewestTokenAsync(PhoneNumber phone, CancellationToken cancellationToken);

    public abstract Task<OtpToken?> FindTokenByVerificationIdAsync(PhoneNumber phone, string verificationId, CancellationToken cancellationToken);

    public abstract Task<IReadOnlyList<OtpToken>> FindUsableTokensAsync(PhoneNumber phone, CancellationToken cancellationToken);

    public abstract Task<IReadOnlyList<DateTimeOffset>> FindCreationTimesAsync(PhoneNumber phone, DateTimeOffset since, CancellationToken cancellationToken);

    public abstract void Add(OtpToken token);

    public async Task<CountWindow> FindCountsAsync(CountScope scope, DateTimeOffset windowStart, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (_counts.TryGetValue(scope, out var window))
            return window;

        if (_expectedCounts.TryGetValue(scope, out var expectedStart) && expectedStart <= windowStart)
        {
            var expected = CountsToldNotRead();
            var loaded = await LoadCountsAsync(expected, cancellationToken);
            foreach (var (expectedScope, _) in expected)
                _counts.Add(expectedScope, new CountWindow(expectedScope, loaded.GetValueOrDefault(expectedScope) ?? []));
            return _counts[scope];
        }

        var minutes = await LoadCountsAsync(scope, CountWindow.MinuteOf(windowStart), cancellationToken);
        window = new CountWindow(scope, minutes);
        _counts.Add(scope, window);
        return window;
    }

    public async Task<UserAccount?> FindAccountAsync(PhoneNumber phone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        return Found(await FindUserAsync(accounts.UserName(phone), cancellationToken), now);
    }

    public async Task<UserAccount?> FindAccountAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken) =>
        Found(await FindUserAsync(id, cancellationToken), now);

    public UserAccount AddAccount(PhoneNumber phone, DateTimeOffset joinedAt)
    {
        var user = accounts.Create(phone, joinedAt);
        _users.Add(user.Id, user);
        AddUser(user);
        return user.ToAccount(joinedAt);
    }

    public void RecordSignIn(UserAccount account, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(account);
        var user = _users.GetValueOrDefault(account.Id)
            ?? throw new InvalidOperationException("A sign-in is recorded on an account the same write found or added.");
        user.RecordSignIn(at);
        SignedIn(user);
    }

    public UserAccount ChangeAccountPhone(UserAccount account, PhoneNumber phone, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(phone);
        var user = _users.GetValueOrDefault(account.Id)
            ?? throw new InvalidOperationException("A phone change is made on an account the same write found.");
        var previousName = user.NormalizedUserName;
        user.MoveToPhone(phone.E164, accounts.UserName(phone));
        PhoneChanged(user, previousName);
        return user.ToAccount(at);
    }

    public abstract Task<RefreshToken?> FindRefreshTokenAsync(byte[] tokenHash, CancellationToken cancellationToken);

    public abstract Task<IReadOnlyList<RefreshToken>> FindRefreshFamilyAsync(Guid familyId, CancellationToken cancellationToken);

    public abstract Task<IReadOnlyList<RefreshToken>> FindUnrevokedRefreshTokensAsync(Guid userId, CancellationToken cancellationToken);

    public abstract void Add(RefreshToken token);

    public abstract void Add(WebhookMessage message);

    /// <summary>Keeps a found user for <see cref="RecordSignIn"/>; the account as of <paramref name="now"/>.</summary>
    private UserAccount? Found(PilitoUser? user, DateTimeOffset now)
    {
        if (user is null)
            return null;
        _users[user.Id] = user;
        return user.ToAccount(now);
    }

    /// <summary>Saves what the write's work changed and added; the round's next write reads it.</summary>
    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        await SaveWriteAsync(cancellationToken);
        _users.Clear();
    }

    /// <summary>Every window told (<see cref="WillCount"/>) and not read yet, each from the earliest minute a write told for it.</summary>
    protected IReadOnlyList<(CountScope Scope, DateTimeOffset FromMinute)> CountsToldNotRead() =>
        [.. _expectedCounts.Where(e => !_counts.ContainsKey(e.Key)).Select(e => (e.Key, CountWindow.MinuteOf(e.Value)))];

    /// <summary>Adds the round's new limit counts to the stored ones; the last step before the commit.</summary>
    public Task FlushCountsAsync(CancellationToken cancellationToken) => SaveCountsAsync(_counts.Values, cancellationToken);

    protected abstract Task SaveWriteAsync(CancellationToken cancellationToken);

    protected abstract Task<Dictionary<DateTimeOffset, int>> LoadCountsAsync(CountScope scope, DateTimeOffset fromMinute, CancellationToken cancellationToken);

    /// <summary>Several scopes' counts, each from its own minute; one at a time unless the provider can do better.</summary>
    protected virtual async Task<Dictionary<CountScope, Dictionary<DateTimeOffset, int>>> LoadCountsAsync(
        IReadOnlyList<(CountScope Scope, DateTimeOffset FromMinute)> windows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var counts = new Dictionary<CountScope, Dictionary<DateTimeOffset, int>>();
        foreach (var (scope, fromMinute) in windows)
            counts.Add(scope, await LoadCountsAsync(scope, fromMinute, cancellationToken));
        return counts;
    }

    protected abstract Task SaveCountsAsync(IEnumerable<CountWindow> windows, CancellationToken cancellationToken);

    protected abstract Task<PilitoUser?> FindUserAsync(string normalizedUserName, CancellationToken cancellationToken);

    protected abstract Task<PilitoUser?> FindUserAsync(Guid id, CancellationToken cancellationToken);

    protected abstract void AddUser(PilitoUser user);

    /// <summary>A found user's sign-in was recorded on it (last sign-in, concurrency stamp); a new user is stored whole.</summary>
    protected abstract void SignedIn(PilitoUser user);

    /// <summary>A found user was moved to another phone (<see cref="PilitoUser.MoveToPhone"/>); it was named <paramref name="previousName"/>.</summary>
    protected abstract void PhoneChanged(PilitoUser user, string? previousName);
}
