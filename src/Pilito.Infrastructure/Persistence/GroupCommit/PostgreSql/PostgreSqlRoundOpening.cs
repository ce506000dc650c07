using Npgsql;
using Pilito.Application.Common.Writes;
using Pilito.Domain.Otp;
using Pilito.Infrastructure.Identity;

namespace Pilito.Infrastructure.Persistence.GroupCommit.PostgreSql;

/// <summary>
/// What a round's opening read found (<see cref="PostgreSqlWriteRound"/>): its phones' tokens, their accounts and its
/// told count windows, read together before the round needs all of them. Each part is handed over once, to the
/// round's first read of that kind; tokens and accounts only while nothing has been queued since they were read (a
/// later read must see the round's changes, so it queries again after sending them). Counts are never changed
/// before the commit, so they stay as read.
/// </summary>
internal sealed class PostgreSqlRoundOpening(int queuedWhenRead, IReadOnlyList<(CountScope Scope, DateTimeOffset FromMinute)> windows)
{
    public List<OtpToken>? Tokens { get; set; }

    public List<PilitoUser>? Users { get; set; }

    public Dictionary<CountScope, Dictionary<DateTimeOffset, int>>? Counts { get; set; }

    public List<OtpToken>? TakeTokens(int queuedNow)
    {
        var tokens = Tokens;
        Tokens = null;
        return queuedNow == queuedWhenRead ? tokens : null;
    }

    public List<PilitoUser>? TakeUsers(int queuedNow)
    {
        var users = Users;
        Users = null;
        return queuedNow == queuedWhenRead ? users : null;
    }

    /// <summary>The counts read, when they are the windows asked for.</summary>
    public Dictionary<CountScope, Dictionary<DateTimeOffset, int>>? TakeCounts(IReadOnlyList<(CountScope Scope, DateTimeOffset FromMinute)> asked)
    {
        var counts = Counts;
        Counts = null;
        return counts is not null && asked.Count == windows.Count && asked.All(windows.Contains) ? counts : null;
    }

    public static (string Scope, string Key, long Minute, int Count) CountRow(NpgsqlDataReader row) =>
        (row.GetString(0), row.GetString(1), row.GetInt64(2), row.GetInt32(3));

    /// <summary>The rows of <see cref="PostgreSqlWriteStatements.CountsOfScopes"/>, by window: every window asked for has an entry.</summary>
    public static Dictionary<CountScope, Dictionary<DateTimeOffset, int>> ByWindow(
        IReadOnlyList<(CountScope Scope, DateTimeOffset FromMinute)> windows, IEnumerable<(string Scope, string Key, long Minute, int Count)> rows)
    {
        var scopes = windows.ToDictionary(w => (w.Scope.Name, w.Scope.Key), w => w.Scope);
        var counts = windows.ToDictionary(w => w.Scope, _ => new Dictionary<DateTimeOffset, int>());
        foreach (var (name, key, minute, count) in rows)
            counts[scopes[(name, key)]].Add(UtcTicksConverter.FromStored(minute), count);
        return counts;
    }
}
