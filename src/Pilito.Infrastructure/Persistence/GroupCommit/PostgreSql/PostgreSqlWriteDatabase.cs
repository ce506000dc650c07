using Npgsql;

namespace Pilito.Infrastructure.Persistence.GroupCommit.PostgreSql;

/// <summary>
/// Rounds on the writer's own PostgreSQL connection, kept open between rounds so the statements Npgsql prepares on it
/// stay prepared. Each round is SERIALIZABLE: two instances that read the same rows (a phone's codes, a count) and
/// both write are not both committed, and the loser's whole round is run again from the start
/// (<see cref="PostgreSqlRetries"/>), reading what the winner committed. A round that fails otherwise drops the
/// connection, so whatever state the failure left it in goes with it; the next round opens another.
/// </summary>
internal sealed class PostgreSqlWriteDatabase(NpgsqlDataSource dataSource, PhoneAccounts accounts) : IWriteDatabase, IAsyncDisposable
{
    private readonly PostgreSqlWriteStatements _statements = new();
    private NpgsqlConnection? _connection;

    public async Task RunRoundAsync(Func<WriteRound, CancellationToken, Task> stage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stage);
        for (var attempt = 1; ; attempt++)
        {
            var connection = _connection ??= await dataSource.OpenConnectionAsync(cancellationToken);
            try
            {
                // The round's first batch begins its transaction and takes its turn before the writes are staged, and
                // its last commits it (PostgreSqlRoundChanges), synchronously as all its statements: the writer has
                // nothing else to do meanwhile, and awaiting each round trip would hand every answer to another thread.
                var round = new PostgreSqlWriteRound(connection, _statements, accounts);
                round.Begin();
                await stage(round, cancellationToken);
                await round.FlushCountsAsync(cancellationToken);
                round.Commit();
                return;
            }
            catch (PostgresException e) when (PostgreSqlRetries.SqlStates.Contains(e.SqlState) && attempt <= PostgreSqlRetries.MaxRetryCount)
            {
                // The connection is sound; the transaction failed (or, when the commit was refused, ended) and is
                // rolled back before the round runs again. The winner has committed.
                if (!TryRollBack(connection))
                    await ForgetConnectionAsync();
                var delay = PostgreSqlRetries.DelayBefore(attempt, Random.Shared);
                if (delay > TimeSpan.Zero)
                    await Task.Delay(delay, cancellationToken);
            }
            catch
            {
                await ForgetConnectionAsync();
                throw;
            }
        }
    }

    /// <summary>
    /// Ends a failed transaction (after a refused commit there is none left, which PostgreSQL only warns about);
    /// false when the connection failed too, and is to be dropped.
    /// </summary>
    private bool TryRollBack(NpgsqlConnection connection)
    {
        try
        {
            using var rollback = new NpgsqlBatch(connection) { BatchCommands = { _statements.RollBackRound.Start().ToCommand() } };
            rollback.ExecuteNonQuery();
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ForgetConnectionAsync();
        await dataSource.DisposeAsync();
    }

    private async Task ForgetConnectionAsync()
    {
        if (_connection is null)
            return;
        var connection = _connection;
        _connection = null;
        await connection.DisposeAsync();
    }
}
