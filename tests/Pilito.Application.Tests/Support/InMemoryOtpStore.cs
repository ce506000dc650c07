using System.Runtime.CompilerServices;
using Pilito.Application.Common.Ports;
using Pilito.Application.Common.Writes;
using Pilito.Domain.Accounts;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;
using Pilito.Domain.Webhooks;

namespace Pilito.Application.Tests.Support;

/// <summary>
/// The OTP write port (OTP tokens, sign-ins and refresh tokens) over plain lists, for handler tests: it finds and stores, the handlers decide. As with the
/// database, a write works on copies of the tokens it finds, and nothing it changes or adds is stored until its work
/// returns; a run that throws, or is rolled back (<see cref="RetryNextRun"/>), stores nothing. One write at a time.
/// </summary>
public sealed class InMemoryOtpStore : IOtpWriter, IOtpTransaction
{
    private readonly List<OtpToken> _tokens = [];
    private readonly Dictionary<(CountScope Scope, DateTimeOffset Minute), int> _counts = [];
    private readonly List<InMemoryAccount> _accounts = [];
    private readonly List<RefreshToken> _refreshTokens = [];
    private readonly List<WebhookMessage> _webhookMessages = [];
    private readonly List<PhoneNumber?> _runs = [];
    private long _lastId;
    private Func<Task>? _beforeRetry;
    private Transaction? _transaction;

    /// <summary>The stored tokens, oldest first. Tests may change them to arrange what another request committed.</summary>
    public IReadOnlyList<OtpToken> Tokens => _tokens;

    public IReadOnlyList<InMemoryAccount> Accounts => _accounts;

    public IReadOnlyList<RefreshToken> RefreshTokens => _refreshTokens;

    /// <summary>The outbox: messages of committed writes only.</summary>
    public IReadOnlyList<WebhookMessage> WebhookMessages => _webhookMessages;

    /// <summary>The phone each run of a write's work was claimed for (null: none), in order; a retried write ran twice.</summary>
    public IReadOnlyList<PhoneNumber?> Runs => _runs;

    public OtpToken Token(long id) => _tokens.Single(t => t.Id == id);

    /// <summary>Stores a copy of <paramref name="token"/> under the next id, as a committed write would, and returns the id.</summary>
    public long Seed(OtpToken token)
    {
        var copy = Copy(token);
        SetId(copy, ++_lastId);
        _tokens.Add(copy);
        return copy.Id;
    }

    /// <summary>Adds <paramref name="count"/> codes sent in <paramref name="scope"/> in the minute <paramref name="at"/> falls in.</summary>
    public void SeedCount(CountScope scope, DateTimeOffset at, int count)
    {
        var key = (scope, CountWindow.MinuteOf(at));
        _counts[key] = _counts.GetValueOrDefault(key) + count;
    }

    /// <summary>The codes stored as sent in <paramref name="scope"/> in the minute <paramref name="at"/> falls in.</summary>
    public int Count(CountScope scope, DateTimeOffset at) => _counts.GetValueOrDefault((scope, CountWindow.MinuteOf(at)));

    public int TotalCount(CountScope scope) => _counts.Where(c => c.Key.Scope == scope).Sum(c => c.Value);

    /// <summary>Stores one failed verification without a verification id for the phone, at <paramref name="at"/>.</summary>
    public void SeedFailure(PhoneNumber phone, DateTimeOffset at) => SeedCount(CountScope.VerifyPhone(phone.E164), at, 1);

    /// <summary>The phone's stored failed verifications (without a verification id), all minutes together.</summary>
    public int FailureCount(PhoneNumber phone) => TotalCount(CountScope.VerifyPhone(phone.E164));

    public InMemoryAccount SeedAccount(PhoneNumber phone, DateTimeOffset joinedAt, bool isLocked = false)
    {
        var account = new InMemoryAccount(Guid.NewGuid(), phone, joinedAt) { IsLocked = isLocked };
        _accounts.Add(account);
        return account;
    }

    /// <summary>Stores a copy of <paramref name="token"/> under the next id, as a committed sign-in or refresh would.</summary>
    public long SeedRefreshToken(RefreshToken token)
    {
        var copy = Copy(token);
        SetId(copy, ++_lastId);
        _refreshTokens.Add(copy);
        return copy.Id;
    }

    /// <summary>A copy of the stored token that nothing saves, as a read outside a write returns it.</summary>
    public OtpToken? ReadToken(long id) => _tokens.SingleOrDefault(t => t.Id == id) is { } stored ? Copy(stored) : null;

    /// <summary>Deletes the token, as retention's purge would.</summary>
    public void Delete(long id) => _tokens.RemoveAll(t => t.Id == id);

    /// <summary>The next write's first run is rolled back (a deadlock victim, say); <paramref name="meanwhile"/> runs before the work runs again.</summary>
    public void RetryNextRun(Func<Task>? meanwhile = null) => _beforeRetry = meanwhile ?? (() => Task.CompletedTask);

    /// <summary>As the writer: a write whose caller has cancelled before it runs is withdrawn unrun (the task is cancelled).</summary>
    public async Task<TResult> RunAsync<TResult>(PhoneNumber? phone, Func<IOtpTransaction, CancellationToken, Task<TResult>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        cancellationToken.ThrowIfCancellationRequested();
        if (_beforeRetry is { } meanwhile)
        {
            _beforeRetry = null;
            await RunWorkAsync(phone, work); // rolled back: what it changed and added is dropped
            await meanwhile();
        }

        var (result, transaction) = await RunWorkAsync(phone, work);
        Commit(transaction);
        return result;
    }

    /// <summary>How many writes came through <see cref="RunFollowUpAsync{TResult}"/>.</summary>
    public int FollowUps { get; private set; }

    public Task<TResult> RunFollowUpAsync<TResult>(PhoneNumber? phone, Func<IOtpTransaction, CancellationToken, Task<TResult>> work)
    {
        FollowUps++;
        return RunAsync(null, work, CancellationToken.None);
    }

    public Task<OtpToken?> FindTokenAsync(long id, CancellationToken cancellationToken) =>
        Task.FromResult(Track(_tokens.SingleOrDefault(t => t.Id == id)));

    public Task<OtpToken?> FindNewestTokenAsync(PhoneNumber phone, CancellationToken cancellationToken) =>
        Task.FromResult(Track(_tokens.Where(t => t.Phone == phone).OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).FirstOrDefault()));

    public Task<OtpToken?> FindTokenByVerificationIdAsync(PhoneNumber phone, string verificationId, CancellationToken cancellationToken) =>
        Task.FromResult(Track(_tokens.Where(t => t.Phone == phone && t.VerificationId == verificationId)
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).FirstOrDefault()));

    public Task<IReadOnlyList<OtpToken>> FindUsableTokensAsync(PhoneNumber phone, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OtpToken>>(_tokens.Where(t => t.Phone == phone && OtpToken.UsableStatuses.Contains(t.Status)).Select(t => Track(t)!).ToList());

    public Task<IReadOnlyList<DateTimeOffset>> FindCreationTimesAsync(PhoneNumber phone, DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DateTimeOffset>>(_tokens.Where(t => t.Phone == phone && t.CreatedAt > since).Select(t => t.CreatedAt).Order().ToList());

    public void Add(OtpToken token) => Current.NewTokens.Add(token);

    public Task<CountWindow> FindCountsAsync(CountScope scope, DateTimeOffset windowStart, CancellationToken cancellationToken)
    {
        if (!Current.Windows.TryGetValue(scope, out var window))
        {
            var first = CountWindow.MinuteOf(windowStart);
            var minutes = _counts.Where(c => c.Key.Scope == scope && c.Key.Minute >= first).ToDictionary(c => c.Key.Minute, c => c.Value);
            Current.Windows.Add(scope, window = new CountWindow(scope, minutes));
        }

        return Task.FromResult(window);
    }


    public Task<UserAccount?> FindAccountAsync(PhoneNumber phone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var account = _accounts.SingleOrDefault(a => a.Phone == phone);
        if (account is not null)
            Current.Accounts[account.Id] = account;
        return Task.FromResult(account?.ToAccount());
    }

    public Task<UserAccount?> FindAccountAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var account = _accounts.SingleOrDefault(a => a.Id == id);
        if (account is not null)
            Current.Accounts[account.Id] = account;
        return Task.FromResult(account?.ToAccount());
    }

    public UserAccount AddAccount(PhoneNumber phone, DateTimeOffset joinedAt)
    {
        var account = new InMemoryAccount(Guid.NewGuid(), phone, joinedAt);
        Current.NewAccounts.Add(account);
        Current.Accounts.Add(account.Id, account);
        return account.ToAccount();
    }

    public void RecordSignIn(UserAccount account, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(account);
        var stored = Current.Accounts.GetValueOrDefault(account.Id)
            ?? throw new InvalidOperationException("A sign-in is recorded on an account the same write found or added.");
        Current.SignIns.Add((stored, at));
    }

    public UserAccount ChangeAccountPhone(UserAccount account, PhoneNumber phone, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(account);
        var stored = Current.Accounts.GetValueOrDefault(account.Id)
            ?? throw new InvalidOperationException("A phone change is made on an account the same write found.");
        Current.PhoneChanges.Add((stored, phone));
        return account with { PhoneNumber = phone.E164 };
    }

    public Task<RefreshToken?> FindRefreshTokenAsync(byte[] tokenHash, CancellationToken cancellationToken) =>
        Task.FromResult(Track(_refreshTokens.SingleOrDefault(t => t.TokenHash.SequenceEqual(tokenHash))));

    public Task<IReadOnlyList<RefreshToken>> FindRefreshFamilyAsync(Guid familyId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RefreshToken>>(_refreshTokens.Where(t => t.FamilyId == familyId).Select(t => Track(t)!).ToList());

    public Task<IReadOnlyList<RefreshToken>> FindUnrevokedRefreshTokensAsync(Guid userId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RefreshToken>>(_refreshTokens.Where(t => t.UserId == userId && t.RevokedAt is null).Select(t => Track(t)!).ToList());

    public void Add(RefreshToken token) => Current.RefreshTokens.Add(token);

    public void Add(WebhookMessage message) => Current.WebhookMessages.Add(message);

    private Transaction Current => _transaction ?? throw new InvalidOperationException("The transaction is used outside its write's work.");

    private async Task<(TResult Result, Transaction Transaction)> RunWorkAsync<TResult>(
        PhoneNumber? phone, Func<IOtpTransaction, CancellationToken, Task<TResult>> work)
    {
        if (_transaction is not null)
            throw new InvalidOperationException("A write was started inside another write's work.");
        _runs.Add(phone);
        var transaction = _transaction = new Transaction();
        try
        {
            return (await work(this, CancellationToken.None), transaction);
        }
        finally
        {
            _transaction = null;
        }
    }

    private void Commit(Transaction transaction)
    {
        foreach (var found in transaction.Found.Values)
        {
            var index = _tokens.FindIndex(t => t.Id == found.Id);
            if (index >= 0) // deleted meanwhile: the update finds no row
                _tokens[index] = Copy(found);
        }

        foreach (var token in transaction.NewTokens)
        {
            SetId(token, ++_lastId);
            _tokens.Add(Copy(token));
        }

        foreach (var window in transaction.Windows.Values)
        {
            foreach (var (minute, added) in window.Added)
                SeedCount(window.Scope, minute, added);
        }

        if (transaction.NewAccounts.Any(n => _accounts.Exists(a => a.Phone == n.Phone)))
            throw new InvalidOperationException("One account per phone: the unique index refuses a second.");
        _accounts.AddRange(transaction.NewAccounts);
        if (transaction.PhoneChanges.Any(c => _accounts.Exists(a => a.Phone == c.Phone && a != c.Account)))
            throw new InvalidOperationException("One account per phone: the unique index refuses a second.");
        foreach (var (account, phone) in transaction.PhoneChanges)
            account.Phone = phone;
        foreach (var (account, at) in transaction.SignIns)
            account.LastSignInAt = at;
        foreach (var found in transaction.FoundRefreshTokens.Values)
            _refreshTokens[_refreshTokens.FindIndex(t => t.Id == found.Id)] = Copy(found);
        foreach (var token in transaction.RefreshTokens)
        {
            SetId(token, ++_lastId);
            _refreshTokens.Add(Copy(token));
        }

        _webhookMessages.AddRange(transaction.WebhookMessages);
    }

    private OtpToken? Track(OtpToken? stored)
    {
        if (stored is null)
            return null;
        if (!Current.Found.TryGetValue(stored.Id, out var tracked))
            Current.Found.Add(stored.Id, tracked = Copy(stored));
        return tracked;
    }

    private RefreshToken? Track(RefreshToken? stored)
    {
        if (stored is null)
            return null;
        if (!Current.FoundRefreshTokens.TryGetValue(stored.Id, out var tracked))
            Current.FoundRefreshTokens.Add(stored.Id, tracked = Copy(stored));
        return tracked;
    }

    private static RefreshToken Copy(RefreshToken token) => RefreshToken.Restore(new StoredRefreshToken
    {
        Id = token.Id,
        UserId = token.UserId,
        FamilyId = token.FamilyId,
        TokenHash = token.TokenHash,
        CreatedAt = token.CreatedAt,
        ExpiresAt = token.ExpiresAt,
        UsedAt = token.UsedAt,
        RevokedAt = token.RevokedAt,
        Version = token.Version,
    });

    private static OtpToken Copy(OtpToken token) => OtpToken.Restore(new StoredOtpToken
    {
        Id = token.Id,
        Phone = token.Phone,
        CodeHash = token.CodeHash,
        CreatedAt = token.CreatedAt,
        ExpiresAt = token.ExpiresAt,
        Status = token.Status,
        FailedAttempts = token.FailedAttempts,
        FailedAttemptsWithoutId = token.FailedAttemptsWithoutId,
        VerificationId = token.VerificationId,
        VerifiedAt = token.VerifiedAt,
        ClientIp = token.ClientIp,
        Channel = token.Channel,
        DeliveryProvider = token.DeliveryProvider,
        ProviderMessageId = token.ProviderMessageId,
        ProviderStatusCode = token.ProviderStatusCode,
        ProviderError = token.ProviderError,
        SentAt = token.SentAt,
        DeliveryStatus = token.DeliveryStatus,
        DeliveryStatusText = token.DeliveryStatusText,
        DeliveryCheckedAt = token.DeliveryCheckedAt,
        RevokedAt = token.RevokedAt,
        PhoneChangeAccountId = token.PhoneChangeAccountId,
        Version = token.Version,
    });

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Id")]
    private static extern void SetId(OtpToken token, long id);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Id")]
    private static extern void SetId(RefreshToken token, long id);

    /// <summary>What one run of a write's work found (tracked copies) and added; stored only when the work returns.</summary>
    private sealed class Transaction
    {
        public Dictionary<long, OtpToken> Found { get; } = [];
        public List<OtpToken> NewTokens { get; } = [];
        public Dictionary<CountScope, CountWindow> Windows { get; } = [];
        public Dictionary<Guid, InMemoryAccount> Accounts { get; } = [];
        public List<InMemoryAccount> NewAccounts { get; } = [];
        public List<(InMemoryAccount Account, DateTimeOffset At)> SignIns { get; } = [];
        public List<(InMemoryAccount Account, PhoneNumber Phone)> PhoneChanges { get; } = [];
        public Dictionary<long, RefreshToken> FoundRefreshTokens { get; } = [];
        public List<RefreshToken> RefreshTokens { get; } = [];
        public List<WebhookMessage> WebhookMessages { get; } = [];
    }
}
