namespace Pilito.Infrastructure.Persistence.GroupCommit.Sqlite;

/// <summary>
/// Rounds on the writer's own SQLite connection, its statements prepared once (<see cref="SqliteWriteStatements"/>).
/// The connection is opened at the first round and kept; a failed round closes it.
/// </summary>
internal sealed class SqliteWriteDatabase(string connectionString, DatabaseOptions options, PhoneAccounts accounts) : IWriteDatabase, IAsyncDisposable
{
    private SqliteWriteStatements? _statements;

    public async Task RunRoundAsync(Func<WriteRound, CancellationToken, Task> stage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var statements = _statements ??= await SqliteWriteStatements.OpenAsync(connectionString, options, cancellationToken);
        var committed = false;
        try
        {
            await statements.BeginAsync(cancellationToken);
            var round = new SqliteWriteRound(statements, accounts);
            await stage(round, cancellationToken);
            await round.FlushCountsAsync(cancellationToken);
            await statements.CommitAsync(cancellationToken);
            committed = true;
        }
        finally
        {
            if (!committed)
                await ForgetConnectionAsync(statements);
        }
    }

    public ValueTask DisposeAsync() => _statements?.DisposeAsync() ?? ValueTask.CompletedTask;

    // A failed round leaves the connection in an unknown state (mid-transaction, or broken by an I/O error):
    // closing it rolls back whatever the round wrote; the next round opens a new one.
    private async Task ForgetConnectionAsync(SqliteWriteStatements statements)
    {
        _statements = null;
        await statements.DisposeAsync();
    }
}
