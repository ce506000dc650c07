using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Writes;
using Pilito.Domain.Accounts;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;
using Pilito.Infrastructure.Identity;
using Pilito.Infrastructure.Persistence;
using Pilito.Infrastructure.Persistence.GroupCommit;

namespace Pilito.Web.Tests.Persistence;

/// <summary>How the group-commit writer answers its callers when a write or a whole round fails, and at shutdown.</summary>
public sealed class GroupCommitWriterTests
{
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

    private static async Task<GroupCommitWriter> StartAsync(IWriteDatabase database)
    {
        var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var writer = new GroupCommitWriter(database, Options.Create(new DatabaseOptions()), services.GetRequiredService<IMeterFactory>(),
            NullLogger<GroupCommitWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);
        return writer;
    }

    /// <summary>A write whose work returns its value, or throws as a bug in one write would.</summary>
    private static Task<int> Echo(GroupCommitWriter writer, int value, bool fails) => writer.RunAsync(null, (transaction, _) =>
    {
        if (fails)
            throw new InvalidOperationException("a fault of this write alone");
        ((RecordingRound)transaction).Staged.Add(value);
        return Task.FromResult(value);
    });

    /// <summary>Rounds that keep what each committed round staged, or fail at the commit.</summary>
    private sealed class RecordingDatabase : IWriteDatabase
    {
        private static readonly PhoneAccounts Accounts = new(
            new ServiceCollection().AddIdentityCore<PilitoUser>().Services.BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new IdentityOptions()));

        public Exception? CommitFault { get; init; }

        public List<List<int>> Committed { get; } = [];

        public async Task RunRoundAsync(Func<WriteRound, CancellationToken, Task> stage, CancellationToken cancellationToken)
        {
            var round = new RecordingRound(Accounts);
            await stage(round, cancellationToken);
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

        public override Task<OtpToken?> FindTokenByVerificationIdAsync(string verificationId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override Task<RefreshToken?> FindRefreshTokenAsync(byte[] tokenHash, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override Task<IReadOnlyList<RefreshToken>> FindRefreshFamilyAsync(Guid familyId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override void Add(RefreshToken token) => throw new NotSupportedException();

        protected override Task SaveWriteAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        protected override Task<Dictionary<DateTimeOffset, int>> LoadCountsAsync(CountScope scope, DateTimeOffset fromMinute, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        protected override Task SaveCountsAsync(IEnumerable<CountWindow> windows, CancellationToken cancellationToken) => Task.CompletedTask;

        protected override Task<PilitoUser?> FindUserAsync(string normalizedUserName, CancellationToken cancellationToken) => throw new NotSupportedException();

        protected override Task<PilitoUser?> FindUserAsync(Guid id, CancellationToken cancellationToken) => throw new NotSupportedException();

        protected override void AddUser(PilitoUser user) => throw new NotSupportedException();

        protected override void SignedIn(PilitoUser user) => throw new NotSupportedException();
    }
}
