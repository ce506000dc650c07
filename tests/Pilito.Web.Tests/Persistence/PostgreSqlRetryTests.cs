using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Pilito.Infrastructure.Persistence;
using Pilito.Infrastructure.Persistence.GroupCommit;
using Pilito.Infrastructure.Persistence.GroupCommit.PostgreSql;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Persistence;

/// <summary>
/// How a round is retried on PostgreSQL, by the writer's own path (PostgreSqlWriteDatabase, every OTP write) and by EF
/// Core's execution strategy (the rest of the app's EF work, and the EF rounds): a round refused as a serialization
/// failure or a deadlock is run again, a round that failed for another reason is not. The work throws what PostgreSQL
/// would answer, so each case happens every time rather than when a race happens to collide.
/// </summary>
[TestFixture(Runner.Writer)]
[TestFixture(Runner.ExecutionStrategy)]
public sealed class PostgreSqlRetryTests(PostgreSqlRetryTests.Runner runner)
{
    public enum Runner
    {
        Writer,
        ExecutionStrategy,
    }

    private PilitoApp _app = null!;

    [OneTimeSetUp]
    // On the run's cluster: an unreachable server would make the app's start (its key ring) retry for seconds.
    public void CreateApp() => _app = new PilitoApp(null, provider: TestProvider.PostgreSql);

    [OneTimeTearDown]
    public async Task DisposeAppAsync() => await _app.DisposeAsync();

    [TestCase("40001")] // serialization_failure: another instance's serializable round read or wrote the same rows
    [TestCase("40P01")] // deadlock_detected
    public async Task A_round_refused_by_the_isolation_is_run_again(string sqlState)
    {
        var attempts = 0;

        await RunAsync(() => ++attempts == 1 ? throw Refusal(sqlState) : Task.CompletedTask);

        Assert.That(attempts, Is.EqualTo(2));
    }

    [Test]
    public async Task A_round_that_keeps_losing_is_run_again_until_it_wins()
    {
        // Under a burst from two instances one round may lose many times in a row: each loss is a fresh race.
        var attempts = 0;

        await RunAsync(() => ++attempts <= 15 ? throw Refusal("40001") : Task.CompletedTask);

        Assert.That(attempts, Is.EqualTo(16));
    }

    [Test]
    public async Task A_round_that_never_wins_fails_after_its_retries()
    {
        var attempts = 0;

        var thrown = await Assert.ThrowsAsync(Is.InstanceOf<Exception>(), () => RunAsync(() =>
        {
            attempts++;
            throw Refusal("40001");
        }));

        Assert.That(attempts, Is.EqualTo(PostgreSqlRetries.MaxRetryCount + 1));
        Assert.That(DatabaseFaults.IsDatabaseFault(thrown!), Is.True, "answered as the database's fault (503), not the request's");
    }

    [Test]
    public void A_lost_round_is_retried_at_once_then_after_a_few_random_milliseconds_never_a_second()
    {
        var random = new Random(7);
        var delays = Enumerable.Range(2, 19).Select(retry => PostgreSqlRetries.DelayBefore(retry, random)).ToList();

        Assert.That(PostgreSqlRetries.DelayBefore(1, random), Is.EqualTo(TimeSpan.Zero));
        Assert.That(delays, Has.All.InRange(TimeSpan.FromMilliseconds(PostgreSqlRetries.MinDelayMilliseconds), TimeSpan.FromMilliseconds(PostgreSqlRetries.MaxDelayMilliseconds)));
        Assert.That(delays.Distinct().Count(), Is.GreaterThan(5), "jittered, so two instances do not retry in step");
    }

    [Test]
    public async Task A_round_that_fails_otherwise_is_not_run_again()
    {
        var attempts = 0;

        var thrown = await Assert.ThrowsAsync<PostgresException>(() => RunAsync(() =>
        {
            attempts++;
            throw Refusal("23505"); // unique_violation: running it again would fail the same way
        }));

        Assert.That(thrown!.SqlState, Is.EqualTo("23505"));
        Assert.That(attempts, Is.EqualTo(1));
    }

    private async Task RunAsync(Func<Task> round)
    {
        if (runner == Runner.Writer)
        {
            var writer = _app.Services.GetRequiredService<IWriteDatabase>();
            Assert.That(writer, Is.TypeOf<PostgreSqlWriteDatabase>());
            await writer.RunRoundAsync((_, _) => round(), CancellationToken.None);
            return;
        }

        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PilitoDbContext>();
        Assert.That(db, Is.TypeOf<PostgreSqlPilitoDbContext>());
        await db.Database.CreateExecutionStrategy().ExecuteAsync(round);
    }

    private static PostgresException Refusal(string sqlState) => new("refused", "ERROR", "ERROR", sqlState);
}
