using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;
using Pilito.Infrastructure.Persistence;
using Pilito.Infrastructure.Persistence.GroupCommit;

namespace Pilito.Web.Tests.Persistence;

/// <summary>How the group-commit writer answers its callers when a write or a whole round fails, and at shutdown.</summary>
public sealed class GroupCommitWriterTests
{
    [Test]
    public async Task A_write_that_fails_on_its_own_fails_alone_and_the_rest_of_its_round_is_committed()
    {
        var rounds = new RecordingRounds();
        using var writer = await StartAsync(rounds);

        var broken = writer.WriteAsync(new EchoWrite(0, fails: true));
        var fine = Enumerable.Range(1, 5).Select(i => writer.WriteAsync(new EchoWrite(i, fails: false))).ToList();

        await Assert.ThrowsAsync<InvalidOperationException>(() => broken);
        Assert.That(await Task.WhenAll(fine), Is.EqualTo(new[] { 1, 2, 3, 4, 5 }));
        Assert.That(rounds.Committed.SelectMany(r => r), Is.EquivalentTo(new[] { 1, 2, 3, 4, 5 }), "the broken write was never committed");
    }

    [Test]
    public async Task A_round_the_database_refuses_answers_every_write_in_it_with_the_database_fault()
    {
        var rounds = new RecordingRounds { CommitFault = new SqliteException("database is locked", 5) };
        using var writer = await StartAsync(rounds);

        var writes = Enumerable.Range(1, 3).Select(i => writer.WriteAsync(new EchoWrite(i, fails: false))).ToList();

        foreach (var write in writes)
            await Assert.ThrowsAsync<SqliteException>(() => write);
        Assert.That(rounds.Committed, Is.Empty);
    }

    [Test]
    public async Task A_stopping_writer_answers_what_was_queued_and_refuses_new_writes_as_a_database_fault()
    {
        var rounds = new RecordingRounds();
        var writer = await StartAsync(rounds);
        var queued = writer.WriteAsync(new EchoWrite(7, fails: false));

        await writer.StopAsync(CancellationToken.None);

        Assert.That(await queued.WaitAsync(TimeSpan.FromSeconds(5)), Is.EqualTo(7));
        var refused = await Assert.ThrowsAsync<WriterStoppedException>(() => writer.WriteAsync(new EchoWrite(8, fails: false)));
        Assert.That(DatabaseFaults.IsDatabaseFault(refused!), Is.True, "answered 503, like any database fault");
        writer.Dispose();
    }

    private static async Task<GroupCommitWriter> StartAsync(IWriteRounds rounds)
    {
        var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var writer = new GroupCommitWriter(rounds, Options.Create(new DatabaseOptions()), services.GetRequiredService<IMeterFactory>(),
            NullLogger<GroupCommitWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);
        return writer;
    }

    /// <summary>A write whose staging returns its value, or throws as a bug in one write would.</summary>
    private sealed class EchoWrite(int value, bool fails) : PendingWrite<int>
    {
        protected override Task<int> StageCoreAsync(WriteRound round, CancellationToken cancellationToken)
        {
            if (fails)
                throw new InvalidOperationException("a fault of this write alone");
            ((RecordingRound)round).Staged.Add(value);
            return Task.FromResult(value);
        }
    }

    /// <summary>Rounds that keep what each committed round staged, or fail at the commit.</summary>
    private sealed class RecordingRounds : IWriteRounds
    {
        public Exception? CommitFault { get; init; }

        public List<List<int>> Committed { get; } = [];

        public async Task RunAsync(Func<WriteRound, CancellationToken, Task> stage, CancellationToken cancellationToken)
        {
            var round = new RecordingRound();
            await stage(round, cancellationToken);
            if (CommitFault is not null)
                throw CommitFault;
            Committed.Add(round.Staged);
        }
    }

    private sealed class RecordingRound : WriteRound
    {
        public List<int> Staged { get; } = [];

        public override Task<List<DateTimeOffset>> CreationTimesAsync(PhoneNumber phone, DateTimeOffset windowStart, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public override Task<Func<long>> IssueAsync(OtpToken token, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override Task<bool> RecordDeliveryAsync(long tokenId, DeliveryReport report, DateTimeOffset at, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        protected override Task<Dictionary<DateTimeOffset, int>> LoadSendCountsAsync(string scope, string key, DateTimeOffset fromMinute, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        protected override Task SaveAsync(IEnumerable<SendCountWindow> sendCounts, CancellationToken cancellationToken) => Task.CompletedTask;

        protected override VerificationRound BeginVerification() => throw new NotSupportedException();
    }
}
