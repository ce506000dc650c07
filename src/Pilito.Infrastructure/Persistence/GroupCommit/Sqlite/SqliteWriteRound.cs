using System.Globalization;
using Pilito.Application.Common.Writes;
using Pilito.Domain.Accounts;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;
using Pilito.Infrastructure.Identity;

namespace Pilito.Infrastructure.Persistence.GroupCommit.Sqlite;

/// <summary>
/// A round on the writer's SQLite connection: rows read into domain objects (<see cref="OtpTokenColumns"/>), the
/// objects a write found or added tracked, and saved as they are when its work returns.
/// </summary>
internal sealed class SqliteWriteRound(SqliteWriteStatements sql, PhoneAccounts accounts) : WriteRound(accounts)
{
    private readonly List<(OtpToken Token, object?[] Loaded)> _found = [];
    private readonly List<OtpToken> _newTokens = [];
    private readonly List<(string Phone, DateTimeOffset At)> _failures = [];
    private readonly List<PilitoUser> _newUsers = [];
    private readonly List<PilitoUser> _signedIn = [];
    private readonly List<(RefreshToken Token, object?[] Loaded)> _foundRefreshTokens = [];
    private readonly List<RefreshToken> _newRefreshTokens = [];

    public override Task<OtpToken?> FindTokenAsync(long id, CancellationToken cancellationToken)
    {
        sql.TokenById["$id"] = id;
        return ReadTokenAsync(sql.TokenById, cancellationToken);
    }

    public override Task<OtpToken?> FindNewestTokenAsync(PhoneNumber phone, CancellationToken cancellationToken)
    {
        sql.NewestToken["$phone"] = phone.E164;
        return ReadTokenAsync(sql.NewestToken, cancellationToken);
    }

    public override async Task<IReadOnlyList<OtpToken>> FindUsableTokensAsync(PhoneNumber phone, CancellationToken cancellationToken)
    {
        sql.UsableTokens["$phone"] = phone.E164;
        for (var i = 0; i < OtpToken.UsableStatuses.Count; i++)
            sql.UsableTokens[SqliteWriteStatements.UsableStatusParameters[i]] = OtpToken.UsableStatuses[i].ToString();
        var tokens = new List<OtpToken>();
        await using var row = await sql.UsableTokens.In(sql.Transaction).ExecuteReaderAsync(cancellationToken);
        while (await row.ReadAsync(cancellationToken))
            tokens.Add(Track(OtpTokenColumns.Read(row)));
        return tokens;
    }

    public override async Task<IReadOnlyList<DateTimeOffset>> FindCreationTimesAsync(PhoneNumber phone, DateTimeOffset since, CancellationToken cancellationToken)
    {
        sql.CreationTimes["$phone"] = phone.E164;
        sql.CreationTimes["$since"] = UtcTicksConverter.ToStored(since);
        var times = new List<DateTimeOffset>();
        await using var row = await sql.CreationTimes.In(sql.Transaction).ExecuteReaderAsync(cancellationToken);
        while (await row.ReadAsync(cancellationToken))
            times.Add(UtcTicksConverter.FromStored(row.GetInt64(0)));
        return times;
    }

    public override void Add(OtpToken token) => _newTokens.Add(token);

    public override async Task<int> CountFailuresAsync(PhoneNumber phone, DateTimeOffset since, int max, CancellationToken cancellationToken)
    {
        sql.CountFailures["$phone"] = phone.E164;
        sql.CountFailures["$since"] = UtcTicksConverter.ToStored(since);
        sql.CountFailures["$max"] = max;
        var count = await sql.CountFailures.In(sql.Transaction).ExecuteScalarAsync(cancellationToken);
        return Convert.ToInt32(count, CultureInfo.InvariantCulture);
    }

    public override void AddFailure(PhoneNumber phone, DateTimeOffset at) => _failures.Add((phone.E164, at));

    public override async Task<RefreshToken?> FindRefreshTokenAsync(byte[] tokenHash, CancellationToken cancellationToken)
    {
        sql.RefreshTokenByHash["$hash"] = tokenHash;
        return (await ReadRefreshTokensAsync(sql.RefreshTokenByHash, cancellationToken)).SingleOrDefault();
    }

    public override async Task<IReadOnlyList<RefreshToken>> FindRefreshFamilyAsync(Guid familyId, CancellationToken cancellationToken)
    {
        sql.RefreshFamily["$familyId"] = SqliteValues.Stored(familyId);
        return await ReadRefreshTokensAsync(sql.RefreshFamily, cancellationToken);
    }

    public override void Add(RefreshToken token) => _newRefreshTokens.Add(token);

    protected override async Task SaveWriteAsync(CancellationToken cancellationToken)
    {
        foreach (var (token, loaded) in _found)
            await UpdateAsync(OtpTokenColumns.Map, token, token.Id, loaded, cancellationToken);
        foreach (var token in _newTokens)
            OtpTokenColumns.SetId(token, await InsertAsync(OtpTokenColumns.Map, token, cancellationToken));
        foreach (var (phone, at) in _failures)
        {
            sql.AddFailure["$phone"] = phone;
            sql.AddFailure["$at"] = UtcTicksConverter.ToStored(at);
            await RunAsync(sql.AddFailure, cancellationToken);
        }

        foreach (var user in _newUsers)
        {
            AccountColumns.BindNewUser(sql.AddUser, user);
            await RunAsync(sql.AddUser, cancellationToken);
        }

        foreach (var user in _signedIn)
        {
            AccountColumns.BindSignIn(sql.RecordSignIn, user);
            await RunAsync(sql.RecordSignIn, cancellationToken);
        }

        foreach (var (token, loaded) in _foundRefreshTokens)
            await UpdateAsync(RefreshTokenColumns.Map, token, token.Id, loaded, cancellationToken);
        foreach (var token in _newRefreshTokens)
            RefreshTokenColumns.SetId(token, await InsertAsync(RefreshTokenColumns.Map, token, cancellationToken));

        _found.Clear();
        _newTokens.Clear();
        _failures.Clear();
        _newUsers.Clear();
        _signedIn.Clear();
        _foundRefreshTokens.Clear();
        _newRefreshTokens.Clear();
    }

    protected override async Task<Dictionary<DateTimeOffset, int>> LoadSendCountsAsync(SendScope scope, DateTimeOffset fromMinute, CancellationToken cancellationToken)
    {
        sql.SendCounts["$scope"] = scope.Name;
        sql.SendCounts["$key"] = scope.Key;
        sql.SendCounts["$from"] = UtcTicksConverter.ToStored(fromMinute);
        var minutes = new Dictionary<DateTimeOffset, int>();
        await using var row = await sql.SendCounts.In(sql.Transaction).ExecuteReaderAsync(cancellationToken);
        while (await row.ReadAsync(cancellationToken))
            minutes.Add(UtcTicksConverter.FromStored(row.GetInt64(0)), row.GetInt32(1));
        return minutes;
    }

    protected override async Task SaveSendCountsAsync(IEnumerable<SendCountWindow> windows, CancellationToken cancellationToken)
    {
        foreach (var window in windows)
        {
            foreach (var (minute, added) in window.Added)
            {
                sql.AddSendCount["$scope"] = window.Scope.Name;
                sql.AddSendCount["$key"] = window.Scope.Key;
                sql.AddSendCount["$minute"] = UtcTicksConverter.ToStored(minute);
                sql.AddSendCount["$added"] = added;
                await RunAsync(sql.AddSendCount, cancellationToken);
            }
        }
    }

    protected override async Task<PilitoUser?> FindUserAsync(string normalizedUserName, CancellationToken cancellationToken)
    {
        sql.FindUser["$name"] = normalizedUserName;
        await using var row = await sql.FindUser.In(sql.Transaction).ExecuteReaderAsync(cancellationToken);
        return await row.ReadAsync(cancellationToken) ? AccountColumns.ReadUser(row) : null;
    }

    protected override async Task<PilitoUser?> FindUserAsync(Guid id, CancellationToken cancellationToken)
    {
        sql.FindUserById["$id"] = SqliteValues.Stored(id);
        await using var row = await sql.FindUserById.In(sql.Transaction).ExecuteReaderAsync(cancellationToken);
        return await row.ReadAsync(cancellationToken) ? AccountColumns.ReadUser(row) : null;
    }

    protected override void AddUser(PilitoUser user) => _newUsers.Add(user);

    protected override void SignedIn(PilitoUser user)
    {
        if (!_newUsers.Contains(user)) // a new user is inserted with its sign-in
            _signedIn.Add(user);
    }

    private async Task<OtpToken?> ReadTokenAsync(SqliteStatement statement, CancellationToken cancellationToken)
    {
        await using var row = await statement.In(sql.Transaction).ExecuteReaderAsync(cancellationToken);
        return await row.ReadAsync(cancellationToken) ? Track(OtpTokenColumns.Read(row)) : null;
    }

    private OtpToken Track(OtpToken token)
    {
        _found.Add((token, OtpTokenColumns.Map.Snapshot(token)));
        return token;
    }

    private async Task<List<RefreshToken>> ReadRefreshTokensAsync(SqliteStatement statement, CancellationToken cancellationToken)
    {
        var tokens = new List<RefreshToken>();
        await using var row = await statement.In(sql.Transaction).ExecuteReaderAsync(cancellationToken);
        while (await row.ReadAsync(cancellationToken))
        {
            var token = RefreshTokenColumns.Read(row);
            _foundRefreshTokens.Add((token, RefreshTokenColumns.Map.Snapshot(token)));
            tokens.Add(token);
        }

        return tokens;
    }

    /// <summary>Writes the columns the work changed; nothing when it changed none.</summary>
    private async Task UpdateAsync<T>(ColumnMap<T> map, T entity, long id, object?[] loaded, CancellationToken cancellationToken)
    {
        var changed = map.Changed(loaded, entity);
        if (changed == 0)
            return;
        var update = sql.Update(map, changed);
        map.Bind(update, entity, changed);
        update["$Id"] = id;
        update["$LoadedVersion"] = map.ValueIn(loaded, "Version");
        // The round holds the write lock from its first statement: nothing else can have changed the row.
        if (await update.In(sql.Transaction).ExecuteNonQueryAsync(cancellationToken) != 1)
            throw new InvalidOperationException($"Row {id} changed inside the write round.");
    }

    private async Task<long> InsertAsync<T>(ColumnMap<T> map, T entity, CancellationToken cancellationToken)
    {
        var columns = map.WithValues(entity);
        var insert = sql.Insert(map, columns);
        map.Bind(insert, entity, columns);
        return (long)(await insert.In(sql.Transaction).ExecuteScalarAsync(cancellationToken))!;
    }

    private Task<int> RunAsync(SqliteStatement statement, CancellationToken cancellationToken) =>
        statement.In(sql.Transaction).ExecuteNonQueryAsync(cancellationToken);
}
