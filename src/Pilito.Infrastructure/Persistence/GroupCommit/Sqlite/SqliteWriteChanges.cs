using Pilito.Domain.Accounts;
using Pilito.Domain.Otp;
using Pilito.Infrastructure.Persistence.GroupCommit.Rows;

namespace Pilito.Infrastructure.Persistence.GroupCommit.Sqlite;

/// <summary>
/// What one write found and added on the writer's SQLite connection (a unit of work): found rows are kept with a
/// snapshot of their columns, and <see cref="SaveAsync"/> updates the columns their domain methods changed and
/// inserts what was added.
/// </summary>
internal sealed class SqliteWriteChanges(SqliteWriteStatements sql) : PendingRows
{
    private readonly List<(OtpToken Token, object?[] Loaded)> _tokens = [];
    private readonly List<(RefreshToken Token, object?[] Loaded)> _refreshTokens = [];

    public OtpToken Found(OtpToken token)
    {
        _tokens.Add((token, OtpTokenColumns.Map.Snapshot(token)));
        return token;
    }

    public RefreshToken Found(RefreshToken token)
    {
        _refreshTokens.Add((token, RefreshTokenColumns.Map.Snapshot(token)));
        return token;
    }

    /// <summary>Writes everything, in the order the foreign keys need (an account before its refresh tokens), and starts afresh.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        foreach (var (token, loaded) in _tokens)
            await UpdateAsync(OtpTokenColumns.Map, token, token.Id, loaded, cancellationToken);
        foreach (var token in NewTokens)
            OtpTokenColumns.SetId(token, await InsertAsync(OtpTokenColumns.Map, token, cancellationToken));
        foreach (var user in NewUsers)
        {
            AccountColumns.BindNewUser(sql.AddUser, user);
            await RunAsync(sql.AddUser, cancellationToken);
        }

        foreach (var user in SignedInUsers)
        {
            AccountColumns.BindSignIn(sql.RecordSignIn, user);
            await RunAsync(sql.RecordSignIn, cancellationToken);
        }

        foreach (var user in MovedUsers)
        {
            AccountColumns.BindPhoneChange(sql.ChangePhone, user);
            await RunAsync(sql.ChangePhone, cancellationToken);
        }

        foreach (var (token, loaded) in _refreshTokens)
            await UpdateAsync(RefreshTokenColumns.Map, token, token.Id, loaded, cancellationToken);
        foreach (var token in NewRefreshTokens)
            RefreshTokenColumns.SetId(token, await InsertAsync(RefreshTokenColumns.Map, token, cancellationToken));
        foreach (var message in NewMessages)
            WebhookMessageColumns.SetId(message, await InsertAsync(WebhookMessageColumns.Map, message, cancellationToken));

        _tokens.Clear();
        _refreshTokens.Clear();
        ClearPending();
    }

    /// <summary>Writes the columns the work changed; nothing when it changed none.</summary>
    private async Task UpdateAsync<T>(ColumnMap<T> map, T entity, long id, object?[] loaded, CancellationToken cancellationToken)
    {
        var now = map.Snapshot(entity);
        var changed = ColumnMap<T>.Changed(loaded, now);
        if (changed == 0)
            return;
        var update = sql.Update(map, changed);
        map.Bind(update, now, changed);
        update["$Id"] = id;
        update["$LoadedVersion"] = map.ValueIn(loaded, "Version");
        // The round holds the write lock from its first statement: nothing else can have changed the row.
        if (await update.In(sql.Transaction).ExecuteNonQueryAsync(cancellationToken) != 1)
            throw new InvalidOperationException($"Row {id} changed inside the write round.");
    }

    private async Task<long> InsertAsync<T>(ColumnMap<T> map, T entity, CancellationToken cancellationToken)
    {
        var values = map.Snapshot(entity);
        var columns = ColumnMap<T>.WithValues(values);
        var insert = sql.Insert(map, columns);
        map.Bind(insert, values, columns);
        return (long)(await insert.In(sql.Transaction).ExecuteScalarAsync(cancellationToken))!;
    }

    private Task<int> RunAsync(SqliteStatement statement, CancellationToken cancellationToken) =>
        statement.In(sql.Transaction).ExecuteNonQueryAsync(cancellationToken);
}
