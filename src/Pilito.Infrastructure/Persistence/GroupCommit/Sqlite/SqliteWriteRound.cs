using Pilito.Application.Common.Writes;
using Pilito.Domain.Accounts;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;
using Pilito.Domain.Webhooks;
using Pilito.Infrastructure.Identity;
using Pilito.Infrastructure.Persistence.GroupCommit.Rows;

namespace Pilito.Infrastructure.Persistence.GroupCommit.Sqlite;

/// <summary>
/// A round on the writer's SQLite connection: rows read into domain objects (<see cref="OtpTokenColumns"/>,
/// <see cref="RefreshTokenColumns"/>, <see cref="AccountColumns"/>); what each write found and added is saved by its
/// <see cref="SqliteWriteChanges"/> when its work returns.
/// </summary>
internal sealed class SqliteWriteRound(SqliteWriteStatements sql, PhoneAccounts accounts) : WriteRound(accounts)
{
    private readonly SqliteWriteChanges _changes = new(sql);

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

    public override Task<OtpToken?> FindTokenByVerificationIdAsync(PhoneNumber phone, string verificationId, CancellationToken cancellationToken)
    {
        sql.TokenByVerificationId["$phone"] = phone.E164;
        sql.TokenByVerificationId["$verificationId"] = verificationId;
        return ReadTokenAsync(sql.TokenByVerificationId, cancellationToken);
    }

    public override async Task<IReadOnlyList<OtpToken>> FindUsableTokensAsync(PhoneNumber phone, CancellationToken cancellationToken)
    {
        sql.UsableTokens["$phone"] = phone.E164;
        RoundSql.BindUsableStatuses(sql.UsableTokens);
        var tokens = new List<OtpToken>();
        await using var row = await sql.UsableTokens.In(sql.Transaction).ExecuteReaderAsync(cancellationToken);
        while (await row.ReadAsync(cancellationToken))
            tokens.Add(_changes.Found(OtpTokenColumns.Read(row)));
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

    public override void Add(OtpToken token) => _changes.Add(token);

    public override async Task<RefreshToken?> FindRefreshTokenAsync(byte[] tokenHash, CancellationToken cancellationToken)
    {
        sql.RefreshTokenByHash["$hash"] = tokenHash;
        return (await ReadRefreshTokensAsync(sql.RefreshTokenByHash, cancellationToken)).SingleOrDefault();
    }

    public override async Task<IReadOnlyList<RefreshToken>> FindRefreshFamilyAsync(Guid familyId, CancellationToken cancellationToken)
    {
        sql.RefreshFamily["$familyId"] = familyId;
        return await ReadRefreshTokensAsync(sql.RefreshFamily, cancellationToken);
    }

    public override async Task<IReadOnlyList<RefreshToken>> FindUnrevokedRefreshTokensAsync(Guid userId, CancellationToken cancellationToken)
    {
        sql.UnrevokedRefreshTokens["$userId"] = userId;
        return await ReadRefreshTokensAsync(sql.UnrevokedRefreshTokens, cancellationToken);
    }

    public override void Add(RefreshToken token) => _changes.Add(token);

    public override void Add(WebhookMessage message) => _changes.Add(message);

    protected override Task SaveWriteAsync(CancellationToken cancellationToken) => _changes.SaveAsync(cancellationToken);

    protected override async Task<Dictionary<DateTimeOffset, int>> LoadCountsAsync(CountScope scope, DateTimeOffset fromMinute, CancellationToken cancellationToken)
    {
        sql.Counts["$scope"] = scope.Name;
        sql.Counts["$key"] = scope.Key;
        sql.Counts["$from"] = UtcTicksConverter.ToStored(fromMinute);
        var minutes = new Dictionary<DateTimeOffset, int>();
        await using var row = await sql.Counts.In(sql.Transaction).ExecuteReaderAsync(cancellationToken);
        while (await row.ReadAsync(cancellationToken))
            minutes.Add(UtcTicksConverter.FromStored(row.GetInt64(0)), row.GetInt32(1));
        return minutes;
    }

    protected override async Task SaveCountsAsync(IEnumerable<CountWindow> windows, CancellationToken cancellationToken)
    {
        foreach (var window in windows)
        {
            foreach (var (minute, added) in window.Added)
            {
                sql.AddCount["$scope"] = window.Scope.Name;
                sql.AddCount["$key"] = window.Scope.Key;
                sql.AddCount["$minute"] = UtcTicksConverter.ToStored(minute);
                sql.AddCount["$added"] = added;
                await sql.AddCount.In(sql.Transaction).ExecuteNonQueryAsync(cancellationToken);
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
        sql.FindUserById["$id"] = id;
        await using var row = await sql.FindUserById.In(sql.Transaction).ExecuteReaderAsync(cancellationToken);
        return await row.ReadAsync(cancellationToken) ? AccountColumns.ReadUser(row) : null;
    }

    protected override void AddUser(PilitoUser user) => _changes.AddUser(user);

    protected override void SignedIn(PilitoUser user) => _changes.SignedIn(user);

    protected override void PhoneChanged(PilitoUser user, string? previousName) => _changes.PhoneChanged(user);

    private async Task<OtpToken?> ReadTokenAsync(SqliteStatement statement, CancellationToken cancellationToken)
    {
        await using var row = await statement.In(sql.Transaction).ExecuteReaderAsync(cancellationToken);
        return await row.ReadAsync(cancellationToken) ? _changes.Found(OtpTokenColumns.Read(row)) : null;
    }

    private async Task<List<RefreshToken>> ReadRefreshTokensAsync(SqliteStatement statement, CancellationToken cancellationToken)
    {
        var tokens = new List<RefreshToken>();
        await using var row = await statement.In(sql.Transaction).ExecuteReaderAsync(cancellationToken);
        while (await row.ReadAsync(cancellationToken))
            tokens.Add(_changes.Found(RefreshTokenColumns.Read(row)));

        return tokens;
    }
}
