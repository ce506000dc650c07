using Pilito.Domain.Otp;
using Pilito.Domain.Phones;
using Pilito.Infrastructure.Identity;

namespace Pilito.Infrastructure.Persistence.GroupCommit;

/// <summary>
/// The rows of a round's phones, read for all of them by one query the first time a write asks: every token of those
/// phones, and (separately, when a write first looks an account up) their accounts. On a server database every query
/// is a round trip on the writer's one connection while the round's other writes wait; a query per write and kind
/// was most of a round's time. The round supplies the two queries (EF Core's, or PostgreSQL's own). A phone holds at most Otp:Retention days of Otp:MaxSendsPerPhonePerDay tokens (the
/// purge removes older ones), usually a handful.
/// </summary>
/// <remarks>
/// The lists hold the round's own entities (tracked ones), so a read sees them as the round's earlier writes left
/// them: callers filter on the entities' current values. Rows join them only through the round (<see cref="Added(OtpToken)"/>,
/// <see cref="Added(PilitoUser)"/>), and the round saves its changes before it loads, so the load sees everything
/// written before it.
/// </remarks>
internal sealed class PhoneReadAhead(
    PhoneAccounts accounts,
    Func<IReadOnlyCollection<PhoneNumber>, IEnumerable<OtpToken>> loadTokens,
    Func<IReadOnlyCollection<string>, IEnumerable<PilitoUser>> loadUsers)
{
    private HashSet<PhoneNumber> _phones = [];
    private HashSet<string> _userNames = [];
    private Dictionary<PhoneNumber, List<OtpToken>>? _tokens;
    private Dictionary<string, PilitoUser?>? _users;

    public void Expect(IEnumerable<PhoneNumber?> phones)
    {
        _phones = [.. phones.OfType<PhoneNumber>()];
        _userNames = [.. _phones.Select(accounts.UserName)];
    }

    /// <summary>The round's phones, whose tokens the first <see cref="LoadTokens"/> reads.</summary>
    public IReadOnlyCollection<PhoneNumber> Phones => _phones;

    /// <summary>Their accounts' normalised names, which the first <see cref="User"/> reads.</summary>
    public IReadOnlyCollection<string> UserNames => _userNames;

    public bool Covers(PhoneNumber phone) => _phones.Contains(phone);

    public bool Covers(string normalizedUserName) => _userNames.Contains(normalizedUserName);

    /// <summary>Reads every expected phone's tokens, once (none when no phone is expected).</summary>
    public void LoadTokens()
    {
        if (_tokens is not null || _phones.Count == 0)
            return;
        var tokens = _phones.ToDictionary(p => p, _ => new List<OtpToken>());
        foreach (var token in loadTokens([.. _phones]))
            tokens[token.Phone].Add(token);
        _tokens = tokens;
    }

    /// <summary>
    /// Every token of the phone, those the round added included (every expected phone's are read at the first call);
    /// null when the round did not name the phone, which the caller then reads on its own.
    /// </summary>
    public IReadOnlyList<OtpToken>? TokensOf(PhoneNumber phone)
    {
        if (!Covers(phone))
            return null;
        LoadTokens();
        return _tokens![phone];
    }

    /// <summary>The newest of <paramref name="tokens"/> (by creation, then id), as the database's query orders them.</summary>
    public static OtpToken? Newest(IEnumerable<OtpToken> tokens) =>
        tokens.OrderByDescending(t => t.CreatedAt).ThenByDescending(Saved).FirstOrDefault();

    public static IReadOnlyList<OtpToken> Usable(IEnumerable<OtpToken> tokens) =>
        [.. tokens.Where(t => OtpToken.UsableStatuses.Contains(t.Status))];

    public static IReadOnlyList<DateTimeOffset> CreationTimes(IEnumerable<OtpToken> tokens, DateTimeOffset since) =>
        [.. tokens.Where(t => t.CreatedAt > since).Select(t => t.CreatedAt).Order()];

    public void Added(OtpToken token)
    {
        if (_tokens?.GetValueOrDefault(token.Phone) is { } tokens)
            tokens.Add(token);
    }

    /// <summary>The account with this normalised name, of an expected phone; every expected phone's account is read at the first call.</summary>
    public PilitoUser? User(string normalizedUserName)
    {
        if (_users is null)
        {
            var users = _userNames.ToDictionary(n => n, _ => (PilitoUser?)null);
            foreach (var user in loadUsers([.. _userNames]))
                users[user.NormalizedUserName!] = user;
            _users = users;
        }

        return _users.GetValueOrDefault(normalizedUserName);
    }

    public void Added(PilitoUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (_users is not null && user.NormalizedUserName is { } name && _users.ContainsKey(name))
            _users[name] = user;
    }

    /// <summary>
    /// A user moved to another phone: a later write of the round looking up the old number finds no account (the
    /// number is free) and one looking up the new number finds this one, as the database will after the save.
    /// </summary>
    public void Renamed(PilitoUser user, string? previousName)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (_users is null)
            return;
        if (previousName is not null && _users.ContainsKey(previousName))
            _users[previousName] = null;
        if (user.NormalizedUserName is { } name && _users.ContainsKey(name))
            _users[name] = user;
    }

    /// <summary>Orders saved tokens by id and puts one not saved yet (no id) after them, as its id will be.</summary>
    private static long Saved(OtpToken token) => token.Id > 0 ? token.Id : long.MaxValue;
}
