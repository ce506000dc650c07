using Microsoft.Extensions.DependencyInjection;

namespace Pilito.Infrastructure.Persistence.GroupCommit;

/// <summary>
/// Write rounds on SQLite without EF: one connection held by the writer, its statements prepared once and reused
/// for every round. The round loop is the hottest code of a burst, and EF's cost per statement (expression work,
/// change tracking, parsing the SQL again) made it the bottleneck. The SQL is in <see cref="SqliteWriteStatements"/>.
/// </summary>
internal sealed class SqliteWriteRounds(string connectionString, DatabaseOptions options, IServiceScopeFactory scopes) : IWriteRounds, IAsyncDisposable
{
    private SqliteWriteStatements? _statements;

    public async Task RunAsync(Func<WriteRound, CancellationToken, Task> stage, CancellationToken cancellationToken)
    {
        var statements = _statements ??= await SqliteWriteStatements.OpenAsync(connectionString, options, cancellationToken);
        var committed = false;
        try
        {
            // BEGIN IMMEDIATE: the write lock is taken before anything is read, so nothing counted can change before
            // the commit, whichever process writes next.
            await statements.BeginAsync(cancellationToken);
            await using var round = new SqliteWriteRound(statements, scopes);
            await stage(round, cancellationToken);
            await round.FlushAsync(cancellationToken);
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
