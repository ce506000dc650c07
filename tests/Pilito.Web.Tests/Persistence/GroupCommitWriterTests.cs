using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Pilito.Application.Common.Errors;
using Pilito.Application.Common.Writes;
using Pilito.Domain.Accounts;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;
using Pilito.Infrastructure.Identity;
using Pilito.Infrastructure.Persistence;
using Pilito.Infrastructure.Persistence.GroupCommit;

namespace Pilito.Web.Tests.Persistence;

/// <summary>
/// How the group-commit writer answers its callers: when a write or a whole round fails, at shutdown, when too many
/// writes wait or wait too long, and when a caller gives up. The database here is a stub whose commit the test can
/// hold open, so writes queue behind it with no clock involved.
/// </summary>
public sealed class GroupCommitWriterTests
{
    private static readonly PhoneNumber Flooded = PhoneNumber.Parse("+989121110000");

    [Test]
    public async Task A_write_that_fails_on_its_own_fails_alone_and_the_rest_of_its_round_is_committed()
    {
        var database = new RecordingDatabase();
        using var writer = await StartAsync(database);

        var broken = Echo(writer, 0, fails: true);
        var fine = Enumerable.Range(1, 5).Select(i => Echo(writer, i, fails: false)).ToList();

        await Assert.ThrowsAsync<InvalidOperationException>(() => broken);
        Assert.That(await Task.WhenAll(fine), Is.EqualTo(new[] { 1, 2, 3, 4, 5 }));
        Assert.That(database.Committed.SelectMany(r => r), Is.EquivalentTo(new[] { 1, 2, 3, 4, 5 }), "the broken write was never committed");
    }

    [Test]
    public async Task A_round_the_database_refuses_answers_every_write_in_it_with_the_database_fault()
    {
        var database = new RecordingDatabase { CommitFault = new SqliteException("database is locked", 5) };
        using var writer = await StartAsync(database);

        var writes = Enumerable.Range(1, 3).Select(i => Echo(writer, i, fails: false)).ToList();

        foreach (var write in writes)
            await Assert.ThrowsAsync<SqliteException>(() => write);
        Assert.That(database.Committed, Is.Empty);
    }

    [Test]
    public async Task A_stopping_writer_answers_what_was_queued_and_refuses_new_writes_as_a_database_fault()
    {
        var database = new RecordingDatabase();
        var writer = await StartAsync(database);
        var queued = Echo(writer, 7, fails: false);

        await writer.StopAsync(CancellationToken.None);

        Assert.That(await queued.WaitAsync(TimeSpan.FromSeconds(5)), Is.EqualTo(7));
        var refused = await Assert.ThrowsAsync<WriterStoppedException>(() => Echo(writer, 8, fails: false));
        Assert.That(DatabaseFaults.IsDatabaseFault(refused!), Is.True, "answered 503, like any database fault");
        writer.Dispose();
    }

    [Test]
    public async Task A_full_queue_refuses_the_overflow_as_busy_at_once_and_the_queued_writes_still_commit()
    {
        var database = new RecordingDatabase { HoldCommits = true };
        using var writer = await StartAsync(database, new DatabaseOptions { MaxQueuedWrites = 2 });
        var committing = Echo(writer, 1);
        await database.FirstRoundStaged; // the writer is busy committing: what comes now waits in the queue
        var queued = new[] { Echo(writer, 2), Echo(writer, 3) };

        var overflow = Echo(writer, 4);
        database.ReleaseCommits();

        var busy = await Assert.ThrowsAsync<ServiceBusyException>(() => overflow);
        Assert.That(busy!.RetryAfter, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(await committing, Is.EqualTo(1));
        Assert.That(await Task.WhenAll(queued), Is.EqualTo(new[] { 2, 3 }));
        Assert.That(database.Ran, Is.EquivalentTo(new[] { 1, 2, 3 }), "the refused write never ran");
    }

    [Test]
    public async Task A_follow_up_write_is_never_refused_it_waits_for_room_past_the_deadline_and_goes_before_new_writes()
    {
        var clock = new FakeTimeProvider();
        var database = new RecordingDatabase { HoldCommits = true };
        using var writer = await StartAsync(database, new DatabaseOptions { MaxQueuedWrites = 1, WriteQueueTimeout = TimeSpan.FromSeconds(5) }, clock);
        var committing = Echo(writer, 1);
        await database.FirstRoundStaged;
        var queued = Echo(writer, 2); // the queue is full from here

        var followUp = writer.RunFollowUpAsync(null, (transaction, _) =>
        {
            ((RecordingRound)transaction).Staged.Add(99);
            return Task.FromResult(99);
        });
        clock.Advance(TimeSpan.FromSeconds(10));
        database.ReleaseCommits();

        Assert.That(await followUp, Is.EqualTo(99), "not refused for the full queue, nor for the deadline");
        Assert.That(await committing, Is.EqualTo(1));
        Assert.That(database.Ran, Does.Contain(99));
        await Assert.ThrowsAsync<ServiceBusyException>(() => queued, "an ordinary write still meets its deadline");
    }

    [Test]
    public async Task A_write_not_staged_within_the_queue_timeout_is_refused_as_busy_and_never_runs()
    {
        var clock = new FakeTimeProvider();
        var database = new RecordingDatabase { HoldCommits = true };
        using var writer = await StartAsync(database, new DatabaseOptions { WriteQueueTimeout = TimeSpan.FromSeconds(5) }, clock);
        var committing = Echo(writer, 1);
        await database.FirstRoundStaged; // a slow commit: the next write waits behind it
        var waiting = Echo(writer, 2);

        clock.Advance(TimeSpan.FromSeconds(5));
        database.ReleaseCommits();

        await Assert.ThrowsAsync<ServiceBusyException>(() => waiting);
        Assert.That(await committing, Is.EqualTo(1), "a staged write is not subject to the deadline");
        Assert.That(database.Ran, Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public async Task A_write_cancelled_while_it_waits_is_never_staged_and_its_task_is_cancelled()
    {
        var database = new RecordingDatabase { HoldCommits = true };
        using var writer = await StartAsync(database);
        var committing = Echo(writer, 1);
        await database.FirstRoundStaged;
        using var client = new CancellationTokenSource();
        var abandoned = Echo(writer, 2, token: client.Token);
        var other = Echo(writer, 3);

        await client.CancelAsync();
        database.ReleaseCommits();

        var cancelled = await Assert.CatchAsync<OperationCanceledException>(() => abandoned);
        Assert.That(cancelled!.CancellationToken, Is.EqualTo(client.Token));
        Assert.That(abandoned.IsCanceled, Is.True);
        Assert.That(await Task.WhenAll(committing, other), Is.EqualTo(new[] { 1, 3 }));
        Assert.That(database.Ran, Is.EquivalentTo(new[] { 1, 3 }), "the cancelled write never ran, in any round");
    }

    [Test]
    public async Task A_write_staged_before_its_caller_cancels_still_commits()
    {
        var database = new RecordingDatabase { HoldCommits = true };
        using var writer = await StartAsync(database);
        using var client = new CancellationTokenSource();
        var staged = Echo(writer, 1, token: client.Token);
        await database.FirstRoundStaged; // its work has run: it belongs to the round now

        await client.CancelAsync();
        database.ReleaseCommits();

        Assert.That(await staged, Is.EqualTo(1));
        Assert.That(database.Committed.SelectMany(r => r), Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public async Task Writes_waiting_for_one_phone_take_one_place_a_round_and_leave_the_others_to_other_writes()
    {
        var database = new RecordingDatabase { HoldCommits = true };
        using var writer = await StartAsync(database, new DatabaseOptions { MaxWritesPerCommit = 3 });
        var committing = Echo(writer, 0);
        await database.FirstRoundStaged;
        // Three writes for one phone (one connection each), then two for no phone: all read in one round, the phone's
        // first is staged and the other two wait for the next rounds.
        var writes = new[] { Echo(writer, 1, phone: Flooded), Echo(writer, 2, phone: Flooded), Echo(writer, 3, phone: Flooded), Echo(writer, 4), Echo(writer, 5) };

        database.ReleaseCommits();
        await Task.WhenAll(writes.Append(committing));

        // Round three takes the phone's next write and two new ones: the third waiting write for the phone does not
        // keep write 5 out.
        Assert.That(database.Committed, Is.EqualTo(new[] { new[] { 0 }, new[] { 1 }, new[] { 2, 4, 5 }, new[] { 3 } }));
    }

    [Test]
    public async Task Writes_queued_while_a_round_waits_to_begin_join_that_round()
    {
        // As a PostgreSQL round waits for another instance's turn: formed with one write, it waits, and the writes that
        // come meanwhile go in with it rather than in a round of their own after it.
        var database = new RecordingDatabase { HoldFirstBegin = true };
        using var writer = await StartAsync(database);
        var first = Echo(writer, 1);
        await database.FirstRoundWaiting;
        var queued = new[] { Echo(writer, 2), Echo(writer, 3) };

        database.ReleaseBegin();

        Assert.That(await Task.WhenAll(queued.Prepend(first)), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(database.Committed, Is.EqualTo(new[] { new[] { 1, 2, 3 } }));
    }

    private static async Task<GroupCommitWriter> StartAsync(IWriteDatabase database, DatabaseOptions? options = null, TimeProvider? clock = null)
    {
        var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var writer = new GroupCommitWriter(database, Options.Create(options ?? new DatabaseOptions()), clock ?? TimeProvider.System,
            services.GetRequiredService<IMeterFactory>(), NullLogger<GroupCommitWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);
        return writer;
    }

    /// <summary>A write whose work returns its value, or throws as a bug in one write would.</summary>
    private static Task<int> Echo(GroupCommitWriter writer, int value, bool fails = false, PhoneNumber? phone = null, CancellationToken token = default) =>
        writer.RunAsync(phone, (transaction, _) =>
        {
            if (fails)
                throw new InvalidOperationException("a fault of this write alone");
            ((RecordingRound)transaction).Staged.Add(value);
            return Task.FromResult(value);
        }, token);

    /// <summary>
    /// Rounds that keep what each committed round staged, or fail at the commit. With <see cref="HoldCommits"/>, each
    /// round waits after staging until <see cref="ReleaseCommits"/>: a commit in progress, as long as the test needs.
    /// With <see cref="HoldFirstBegin"/>, the first round waits before its writes are staged until <see cref="ReleaseBegin"/>.
    /// </summary>
    private sealed class RecordingDatabase : IWriteDatabase
    {
        private static readonly PhoneAccounts Accounts = new(
            new ServiceCollection().AddIdentityCore<PilitoUser>().Services.BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new IdentityOptions()));

        private readonly TaskCompletionSource _firstRoundStaged = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _firstRoundWaiting = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _begin = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Exception? CommitFault { get; init; }

        public bool HoldCommits { get; init; }

        public bool HoldFirstBegin { get; init; }

        /// <summary>Completes when the first round waits to begin (with <see cref="HoldFirstBegin"/>).</summary>
        public Task FirstRoundWaiting => _firstRoundWaiting.Task;

        public void ReleaseBegin() => _begin.TrySetResult();

        public List<List<int>> Committed { get; } = [];

        /// <summary>Every value whose work ran, in any round, committed or not.</summary>
        public List<int> Ran { get; } = [];

        /// <summary>Completes when the first round has staged its writes (and, held, waits to commit).</summary>
        public Task FirstRoundStaged => _firstRoundStaged.Task;

        public void ReleaseCommits() => _release.TrySetResult();

        public async Task RunRoundAsync(Func<WriteRound, CancellationToken, Task> stage, CancellationToken cancellationToken)
        {
            if (HoldFirstBegin && _firstRoundWaiting.TrySetResult())
                await _begin.Task;
            var round = new RecordingRound(Accounts);
            await stage(round, cancellationToken);
            Ran.AddRange(round.Staged);
            _firstRoundStaged.TrySetResult();
            if (HoldCommits)
                await _release.Task;
            if (CommitFault is not null)
                throw CommitFault;
            Committed.Add(round.Staged);
        }
    }

    /// <summary>A round that only records what the writes staged; no write here reads or stores anything else.</summary>
    private sealed class RecordingRound(PhoneAccounts accounts) : WriteRound(accounts)
    {
        public List<int> Staged { get; } = [];

        public override Task<OtpToken?> FindTokenAsync(long id, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override Task<OtpToken?> FindNewestTokenAsync(PhoneNumber phone, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override Task<IReadOnlyList<OtpToken>> FindUsableTokensAsync(PhoneNumber phone, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override Task<IReadOnlyList<DateTimeOffset>> FindCreationTimesAsync(PhoneNumber phone, DateTimeOffset since, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public override void Add(OtpToken token) => throw new NotSupportedException();

        public override Task<OtpToken?> FindTokenByVerificationIdAsync(PhoneNumber phone, string verificationId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override Task<RefreshToken?> FindRefreshTokenAsync(byte[] tokenHash, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override Task<IReadOnlyList<RefreshToken>> FindRefreshFamilyAsync(Guid familyId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override Task<IReadOnlyList<RefreshToken>> FindUnrevokedRefreshTokensAsync(Guid userId, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public override void Add(RefreshToken token) => throw new NotSupportedException();

        public override void Add(Domain.Webhooks.WebhookMessage message) => throw new NotSupportedException();

        protected override Task SaveWriteAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        protected override Task<Dictionary<DateTimeOffset, int>> LoadCountsAsync(CountScope scope, DateTimeOffset fromMinute, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        protected override Task SaveCountsAsync(IEnumerable<CountWindow> windows, CancellationToken cancellationToken) => Task.CompletedTask;

        protected override Task<PilitoUser?> FindUserAsync(string normalizedUserName, CancellationToken cancellationToken) => throw new NotSupportedException();

        protected override Task<PilitoUser?> FindUserAsync(Guid id, CancellationToken cancellationToken) => throw new NotSupportedException();

        protected override void AddUser(PilitoUser user) => throw new NotSupportedException();

        protected override void SignedIn(PilitoUser user) => throw new NotSupportedException();

        protected override void PhoneChanged(PilitoUser user, string? previousName) => throw new NotSupportedException();
    }
}
