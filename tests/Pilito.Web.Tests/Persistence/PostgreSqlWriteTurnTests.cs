using System.Net;
using Npgsql;
using Pilito.Application.Common.Writes;
using Pilito.Infrastructure.Persistence;
using Pilito.Infrastructure.Persistence.GroupCommit.PostgreSql;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Persistence;

/// <summary>
/// Instances sharing a PostgreSQL database take turns with their write rounds (ADR 0009): a round that starts while
/// another instance's round is open waits for it, then reads what it committed, rather than racing it and failing as a
/// serialization failure, to be run again from the start. Each writer here stands for one instance: its own data
/// source and connection, on one database.
/// </summary>
public sealed class PostgreSqlWriteTurnTests : PostgreSqlWriterFixture
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(5);
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 30, TimeSpan.Zero);
    private static readonly DateTimeOffset HourStart = Now.AddHours(-1);

    [Test]
    public async Task A_round_that_starts_during_another_instances_round_waits_for_it_and_reads_what_it_committed()
    {
        var scope = NewScope();
        await using var first = Writer(LockTimeout);
        await using var second = Writer(LockTimeout);
        var firstRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstMayCommit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (firstAttempts, secondAttempts, secondSaw) = (0, 0, -1);

        var firstRound = first.RunRoundAsync(async (round, ct) =>
        {
            firstAttempts++;
            var counts = await round.FindCountsAsync(scope, HourStart, ct);
            counts.Add(Now);
            firstRead.TrySetResult();
            await firstMayCommit.Task;
        }, CancellationToken.None);
        await firstRead.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var secondRound = second.RunRoundAsync(async (round, ct) =>
        {
            secondAttempts++;
            var counts = await round.FindCountsAsync(scope, HourStart, ct);
            secondSaw = counts.CountSince(HourStart);
            counts.Add(Now);
        }, CancellationToken.None);

        var waited = await WaitsForTurnAsync(secondRound);
        firstMayCommit.SetResult();
        await Task.WhenAll(firstRound, secondRound).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(waited, Is.True, "the second round waited for its turn rather than running beside the first");
        Assert.That((firstAttempts, secondAttempts), Is.EqualTo((1, 1)), "neither round failed and was run again");
        Assert.That(secondSaw, Is.EqualTo(1), "the second round read the first one's count");
        Assert.That(await CountAsync(first, scope), Is.EqualTo(2));
    }

    [Test]
    public async Task Requests_that_queue_while_a_round_waits_for_its_turn_are_committed_in_that_round()
    {
        // Two instances take turns: a round formed before its wait would commit alone, and the writes that queued
        // behind it would wait for one more turn; so the round takes its turn first, then takes in what queued (ADR 0011).
        using var meters = new WriterMeters(App);
        using var client = App.CreateClient();
        var phones = Enumerable.Range(0, 5).Select(_ => Phones.NextNational()).ToList();
        Task<HttpResponseMessage> first;
        List<Task<HttpResponseMessage>> queued;
        int committedBefore;
        await using (var otherInstance = await HoldTurnAsync())
        {
            first = client.RequestOtpAsync(phones[0]);
            Assert.That(await WaitsForTurnAsync(first), Is.True, "the app's round waits for the other instance's turn");
            queued = [.. phones.Skip(1).Select(phone => client.RequestOtpAsync(phone))];
            await Eventually.HoldsAsync(() => Task.FromResult(meters.WritesWaiting() == phones.Count), TimeSpan.FromSeconds(10),
                () => $"every request's write waiting (saw {meters.WritesWaiting()})");
            committedBefore = meters.RoundSizes.Count;
            await otherInstance.Transaction.RollbackAsync();
        }

        foreach (var response in await Task.WhenAll(queued.Prepend(first)))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            response.Dispose();
        }

        Assert.That(meters.RoundSizes.Skip(committedBefore).First(), Is.EqualTo(phones.Count), "the waiting round took in the requests that queued behind it");
    }

    [Test]
    public async Task A_round_behind_an_instance_stalled_in_its_round_fails_as_the_databases_fault_after_the_lock_timeout()
    {
        // An instance frozen in the middle of its round (a paused VM, a stopped process) keeps its turn: the others'
        // rounds must fail in bounded time (503), not queue behind it for ever.
        await using var stalled = await HoldTurnAsync();
        await using var writer = Writer(TimeSpan.FromMilliseconds(300));

        var thrown = await Assert.ThrowsAsync<PostgresException>(
            () => writer.RunRoundAsync((round, ct) => round.FindCountsAsync(NewScope(), HourStart, ct), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.That(thrown!.SqlState, Is.EqualTo(PostgresErrorCodes.LockNotAvailable));
        Assert.That(DatabaseFaults.IsDatabaseFault(thrown), Is.True);
        await stalled.Transaction.RollbackAsync();
        Assert.That(await CountAsync(writer, NewScope()), Is.Zero, "once the turn is free again, the writer's next round runs");
    }

    private static CountScope NewScope() => new("test", Guid.NewGuid().ToString("N"));

    private static async Task<int> CountAsync(PostgreSqlWriteDatabase writer, CountScope scope)
    {
        var count = -1;
        await writer.RunRoundAsync(async (round, ct) => count = (await round.FindCountsAsync(scope, HourStart, ct)).CountSince(HourStart), CancellationToken.None);
        return count;
    }

    /// <summary>True once the round waits for the turn's lock; false when it ran to its end without waiting.</summary>
    private async Task<bool> WaitsForTurnAsync(Task round)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        await using var waiting = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks WHERE NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND relation = '\"WriteRoundTurns\"'::regclass",
            connection);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !round.IsCompleted)
        {
            if ((long)(await waiting.ExecuteScalarAsync())! > 0)
                return true;
            await Task.Delay(10); // polled, not timed: the deadline only ends a test that would otherwise never finish
        }

        return false;
    }

    private async Task<HeldTurn> HoldTurnAsync()
    {
        var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand("LOCK TABLE \"WriteRoundTurns\" IN EXCLUSIVE MODE", connection, transaction))
            await take.ExecuteNonQueryAsync();
        return new HeldTurn(connection, transaction);
    }

    private sealed record HeldTurn(NpgsqlConnection Connection, NpgsqlTransaction Transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }
}
