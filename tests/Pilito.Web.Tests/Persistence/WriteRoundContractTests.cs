using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Pilito.Application.Common.Ports;
using Pilito.Application.Common.Writes;
using Pilito.Domain.Accounts;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;
using Pilito.Infrastructure.Persistence.GroupCommit;
using Pilito.Infrastructure.Persistence.GroupCommit.Ef;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Persistence;

/// <summary>
/// One contract, every implementation of the writer's rounds (SQLite's prepared statements and EF Core's tracked
/// entities, the one SQL Server runs, on the real SQLite file; PostgreSQL's batches on the real server): what a write
/// stores, the next reads back field for field, and EF Core's own mapping reads the same.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("Ef")]
[TestFixture("PostgreSql")]
public sealed class WriteRoundContractTests(string implementation)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 30, 20, TimeSpan.Zero);

    private PilitoApp _app = null!;
    private IOtpWriter _writer = null!;

    [OneTimeSetUp]
    public void StartApp()
    {
        _app = new PilitoApp(null, provider: implementation == "PostgreSql" ? TestProvider.PostgreSql : TestProvider.Sqlite)
        {
            TestServices = implementation == "Ef" ? services => services.AddSingleton<IWriteDatabase, EfWriteDatabase>() : null,
        };
        _writer = _app.Services.GetRequiredService<IOtpWriter>();
    }

    [OneTimeTearDown]
    public async Task StopApp() => await _app.DisposeAsync();

    [Test]
    public void The_fixture_runs_on_its_implementation()
    {
        var database = _app.Services.GetRequiredService<IWriteDatabase>();

        Assert.That(database.GetType().Name, Is.EqualTo($"{implementation}WriteDatabase"));
    }

    [Test]
    public async Task An_added_token_is_given_an_id_and_read_back_with_every_field()
    {
        var phone = NextPhone();
        var added = await _writer.RunAsync(null, (tx, _) => Task.FromResult(Add(tx, phone, Now, OtpChannel.Call)), CancellationToken.None);

        var byId = await _writer.RunAsync(null, (tx, ct) => tx.FindTokenAsync(added.Id, ct), CancellationToken.None);
        var newest = await _writer.RunAsync(null, (tx, ct) => tx.FindNewestTokenAsync(phone, ct), CancellationToken.None);

        Assert.That(added.Id, Is.Positive);
        AssertSameFields(byId, added);
        AssertSameFields(newest, added);
    }

    [Test]
    public async Task Every_field_a_write_changes_is_saved_and_ef_core_reads_it_alike()
    {
        var phone = NextPhone();
        var (first, second) = await _writer.RunAsync(null, (tx, _) => Task.FromResult((Add(tx, phone, Now), Add(tx, phone, Now))), CancellationToken.None);
        var (revokedId, verifiedId) = (first.Id, second.Id); // given once the work has returned
        // Between them, the two tokens change every field a token has after its insert.
        var changed = await _writer.RunAsync(null, async (tx, ct) =>
        {
            var revoked = (await tx.FindTokenAsync(revokedId, ct))!;
            revoked.RecordDelivery(new DeliveryReport("Kavenegar", true, "msg-7", 200, "none"), Now.AddSeconds(1));
            revoked.RecordDeliveryStatus(10, "delivered", DeliveryOutcome.Delivered, Now.AddSeconds(2));
            revoked.TryVerify([9, 9, 9], VerifyAttempt.WithoutId, 5, Now.AddSeconds(3));
            revoked.Invalidate(Now.AddSeconds(4));
            var verified = (await tx.FindTokenAsync(verifiedId, ct))!;
            verified.RecordDelivery(new DeliveryReport("Kavenegar", true, "msg-8", 200, null), Now.AddSeconds(1));
            verified.TryVerify(verified.CodeHash, VerifyAttempt.WithoutId, 5, Now.AddSeconds(5));
            return new[] { revoked, verified };
        }, CancellationToken.None);

        await using var scope = _app.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IOtpTokenStore>();
        foreach (var token in changed)
        {
            AssertSameFields(await _writer.RunAsync(null, (tx, ct) => tx.FindTokenAsync(token.Id, ct), CancellationToken.None), token);
            AssertSameFields(await store.FindAsync(token.Id, CancellationToken.None), token);
        }

        Assert.That(changed.Select(t => t.Status), Is.EqualTo(new[] { OtpStatus.Revoked, OtpStatus.Verified }));
        Assert.That(changed[0].FailedAttempts, Is.EqualTo(1));
    }

    [Test]
    public async Task Usable_tokens_are_the_phone_s_pending_and_sent_ones_and_superseding_them_is_saved()
    {
        var phone = NextPhone();
        var other = NextPhone();
        var (pending, sent, verified) = await _writer.RunAsync(null, (tx, _) =>
        {
            var first = Add(tx, phone, Now);
            var second = Add(tx, phone, Now.AddSeconds(1));
            second.RecordDelivery(new DeliveryReport("Log", true, null, null, null), Now.AddSeconds(1));
            var third = Add(tx, phone, Now.AddSeconds(2));
            third.RecordDelivery(new DeliveryReport("Log", true, null, null, null), Now.AddSeconds(2));
            third.TryVerify(third.CodeHash, VerifyAttempt.WithoutId, 5, Now.AddSeconds(3));
            Add(tx, other, Now);
            return Task.FromResult((first, second, third));
        }, CancellationToken.None);

        var usable = await _writer.RunAsync(null, async (tx, ct) =>
        {
            var found = await tx.FindUsableTokensAsync(phone, ct);
            foreach (var token in found)
                token.Supersede();
            return found.Select(t => t.Id).ToList();
        }, CancellationToken.None);
        var statuses = await _writer.RunAsync(null, async (tx, ct) =>
            new[] { (await tx.FindTokenAsync(pending.Id, ct))!.Status, (await tx.FindTokenAsync(sent.Id, ct))!.Status, (await tx.FindTokenAsync(verified.Id, ct))!.Status },
            CancellationToken.None);

        Assert.That(usable, Is.EquivalentTo(new[] { pending.Id, sent.Id }));
        Assert.That(statuses, Is.EqualTo(new[] { OtpStatus.Superseded, OtpStatus.Superseded, OtpStatus.Verified }));
    }

    [Test]
    public async Task Creation_times_are_the_phone_s_since_the_given_instant_oldest_first()
    {
        var phone = NextPhone();
        await _writer.RunAsync(null, (tx, _) =>
        {
            foreach (var seconds in new[] { 30, 0, 60, 90 })
                Add(tx, phone, Now.AddSeconds(seconds));
            Add(tx, NextPhone(), Now.AddSeconds(45));
            return Task.FromResult(0);
        }, CancellationToken.None);

        var times = await _writer.RunAsync(null, (tx, ct) => tx.FindCreationTimesAsync(phone, Now, ct), CancellationToken.None);

        Assert.That(times, Is.EqualTo(new[] { Now.AddSeconds(30), Now.AddSeconds(60), Now.AddSeconds(90) }));
    }

    [Test]
    public async Task Send_counts_added_in_one_round_are_read_back_in_the_next_per_minute_and_per_scope()
    {
        var scope = CountScope.Address(new ClientNetwork($"198.51.100.{Random.Shared.Next(1, 250)}-{implementation}"));
        await _writer.RunAsync(null, async (tx, ct) =>
        {
            var window = await tx.FindCountsAsync(scope, Now.AddHours(-1), ct);
            window.Add(Now);
            window.Add(Now.AddSeconds(10));
            window.Add(Now.AddMinutes(-30));
            return 0;
        }, CancellationToken.None);
        await _writer.RunAsync(null, async (tx, ct) =>
        {
            (await tx.FindCountsAsync(scope, Now.AddHours(-1), ct)).Add(Now.AddSeconds(20));
            return 0;
        }, CancellationToken.None);

        var counts = await _writer.RunAsync(null, async (tx, ct) => await tx.FindCountsAsync(scope, Now.AddHours(-1), ct), CancellationToken.None);
        var otherScope = await _writer.RunAsync(null, async (tx, ct) => await tx.FindCountsAsync(CountScope.Address(new ClientNetwork("192.0.2.1-unused")), Now.AddHours(-1), ct), CancellationToken.None);

        Assert.That(counts.CountSince(Now.AddHours(-1)), Is.EqualTo(4));
        Assert.That(counts.CountSince(Now.AddMinutes(-1)), Is.EqualTo(3), "the current minute holds three");
        Assert.That(otherScope.CountSince(Now.AddHours(-1)), Is.Zero);
    }

    [Test]
    public async Task A_token_is_found_by_its_verification_id_and_only_by_it()
    {
        var phone = NextPhone();
        var id = $"handle-{Guid.NewGuid():N}";
        var added = await _writer.RunAsync(null, (tx, _) =>
        {
            var token = OtpToken.Issue(phone, [1, 2, 3], Now, TimeSpan.FromMinutes(5), "192.0.2.1", id);
            tx.Add(token);
            tx.Add(OtpToken.Issue(phone, [4, 5, 6], Now.AddSeconds(1), TimeSpan.FromMinutes(5), "192.0.2.1", $"other-{id}"));
            return Task.FromResult(token);
        }, CancellationToken.None);

        var found = await _writer.RunAsync(null, (tx, ct) => tx.FindTokenByVerificationIdAsync(phone, id, ct), CancellationToken.None);
        var missing = await _writer.RunAsync(null, (tx, ct) => tx.FindTokenByVerificationIdAsync(phone, $"unknown-{id}", ct), CancellationToken.None);
        var otherPhone = await _writer.RunAsync(null, (tx, ct) => tx.FindTokenByVerificationIdAsync(NextPhone(), id, ct), CancellationToken.None);

        AssertSameFields(found, added);
        Assert.That(found!.VerificationId, Is.EqualTo(id));
        Assert.That(missing, Is.Null);
        Assert.That(otherPhone, Is.Null, "a handle names its phone too");
    }

    [Test]
    public async Task An_added_account_is_found_by_its_phone_with_its_sign_in_and_refresh_token()
    {
        var phone = NextPhone();
        var hash = RandomHash();
        var added = await _writer.RunAsync(null, (tx, _) =>
        {
            var account = tx.AddAccount(phone, Now);
            tx.RecordSignIn(account, Now);
            tx.Add(RefreshToken.StartFamily(account.Id, hash, Now, TimeSpan.FromDays(30)));
            return Task.FromResult(account);
        }, CancellationToken.None);

        var found = await _writer.RunAsync(null, async (tx, ct) =>
        {
            var account = (await tx.FindAccountAsync(phone, Now.AddMinutes(1), ct))!;
            tx.RecordSignIn(account, Now.AddMinutes(1));
            return account;
        }, CancellationToken.None);
        var missing = await _writer.RunAsync(null, (tx, ct) => tx.FindAccountAsync(NextPhone(), Now, ct), CancellationToken.None);
        var refresh = await _writer.RunAsync(null, (tx, ct) => tx.FindRefreshTokenAsync(hash, ct), CancellationToken.None);
        var byId = await _writer.RunAsync(null, (tx, ct) => tx.FindAccountAsync(added.Id, Now.AddMinutes(1), ct), CancellationToken.None);
        var lastSignIn = await Database.ScalarAsync(_app, """SELECT "LastLoginAt" FROM "AspNetUsers" WHERE "Id" = @id""", ("@id", Database.UserId(_app, added.Id)));

        Assert.That(found, Is.EqualTo(added), "same id, phone, join date; not locked");
        Assert.That(added.PhoneNumber, Is.EqualTo(phone.E164));
        Assert.That(byId, Is.EqualTo(added));
        Assert.That(missing, Is.Null);
        Assert.That(refresh?.UserId, Is.EqualTo(added.Id));
        Assert.That(lastSignIn, Is.EqualTo(Now.AddMinutes(1).UtcTicks), "the second sign-in was recorded");
    }

    [Test]
    public async Task A_rotated_family_is_read_back_field_for_field_and_revoking_it_is_saved()
    {
        var phone = NextPhone();
        var first = RandomHash();
        var user = await _writer.RunAsync(null, (tx, _) =>
        {
            var account = tx.AddAccount(phone, Now);
            tx.Add(RefreshToken.StartFamily(account.Id, first, Now, TimeSpan.FromDays(30)));
            return Task.FromResult(account);
        }, CancellationToken.None);
        var successor = await _writer.RunAsync(null, async (tx, ct) =>
        {
            var token = (await tx.FindRefreshTokenAsync(first, ct))!;
            var next = token.Rotate(RandomHash(), Now.AddMinutes(1), TimeSpan.FromDays(30));
            tx.Add(next);
            return next;
        }, CancellationToken.None);

        var revoked = await _writer.RunAsync(null, async (tx, ct) =>
        {
            var family = await tx.FindRefreshFamilyAsync(successor.FamilyId, ct);
            foreach (var token in family)
                token.Revoke(Now.AddMinutes(2));
            return family;
        }, CancellationToken.None);
        var readBack = await _writer.RunAsync(null, (tx, ct) => tx.FindRefreshFamilyAsync(successor.FamilyId, ct), CancellationToken.None);

        Assert.That(revoked, Has.Count.EqualTo(2));
        Assert.That(revoked.Select(t => t.UserId), Is.All.EqualTo(user.Id));
        Assert.That(revoked.Single(t => t.TokenHash.SequenceEqual(first)).UsedAt, Is.EqualTo(Now.AddMinutes(1)), "the rotation spent the first");
        foreach (var token in revoked)
            AssertSameFields(readBack.Single(t => t.Id == token.Id), token);
    }

    [Test]
    public async Task An_accounts_unrevoked_refresh_tokens_are_found_across_families_and_only_its_own()
    {
        var (owner, other) = await _writer.RunAsync(null, (tx, _) =>
        {
            var account = tx.AddAccount(NextPhone(), Now);
            var stranger = tx.AddAccount(NextPhone(), Now);
            tx.Add(RefreshToken.StartFamily(account.Id, RandomHash(), Now, TimeSpan.FromDays(30)));
            tx.Add(RefreshToken.StartFamily(account.Id, RandomHash(), Now, TimeSpan.FromDays(30)));
            var revoked = RefreshToken.StartFamily(account.Id, RandomHash(), Now, TimeSpan.FromDays(30));
            revoked.Revoke(Now);
            tx.Add(revoked);
            tx.Add(RefreshToken.StartFamily(stranger.Id, RandomHash(), Now, TimeSpan.FromDays(30)));
            return Task.FromResult((account, stranger));
        }, CancellationToken.None);

        var found = await _writer.RunAsync(null, (tx, ct) => tx.FindUnrevokedRefreshTokensAsync(owner.Id, ct), CancellationToken.None);

        Assert.That(found, Has.Count.EqualTo(2));
        Assert.That(found.Select(t => t.UserId), Is.All.EqualTo(owner.Id));
        Assert.That(found.Select(t => t.FamilyId).Distinct().Count(), Is.EqualTo(2));
        Assert.That(found.Select(t => t.UserId), Has.None.EqualTo(other.Id));
    }

    [Test]
    public async Task A_phone_change_token_is_read_back_with_the_account_it_moves()
    {
        var phone = NextPhone();
        var account = Guid.NewGuid();
        var added = await _writer.RunAsync(null, (tx, _) =>
        {
            var token = OtpToken.Issue(phone, RandomHash(), Now, TimeSpan.FromMinutes(5), null, "vid-1", phoneChangeAccountId: account);
            tx.Add(token);
            return Task.FromResult(token);
        }, CancellationToken.None);

        var found = await _writer.RunAsync(null, (tx, ct) => tx.FindNewestTokenAsync(phone, ct), CancellationToken.None);
        await using var scope = _app.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<IOtpTokenStore>().FindAsync(added.Id, CancellationToken.None);

        Assert.That(found?.PhoneChangeAccountId, Is.EqualTo(account));
        AssertSameFields(found, added);
        AssertSameFields(stored, added);
    }

    [Test]
    public async Task A_moved_account_is_found_under_its_new_phone_only_and_identity_reads_it_alike()
    {
        var (oldPhone, newPhone) = (NextPhone(), NextPhone());
        var added = await _writer.RunAsync(null, (tx, _) => Task.FromResult(tx.AddAccount(oldPhone, Now)), CancellationToken.None);
        var stampBefore = await SecurityStampAsync(added.Id);

        // In later rounds; the same round is PhoneChangeRoundTests'.
        var moved = await _writer.RunAsync(newPhone, async (tx, ct) => tx.ChangeAccountPhone((await tx.FindAccountAsync(added.Id, Now, ct))!, newPhone, Now), CancellationToken.None);
        var underOld = await _writer.RunAsync(oldPhone, (tx, ct) => tx.FindAccountAsync(oldPhone, Now, ct), CancellationToken.None);
        var underNew = await _writer.RunAsync(newPhone, (tx, ct) => tx.FindAccountAsync(newPhone, Now, ct), CancellationToken.None);

        Assert.That(moved, Is.EqualTo(added with { PhoneNumber = newPhone.E164 }));
        Assert.That(underOld, Is.Null, "the old number is free");
        Assert.That(underNew, Is.EqualTo(added with { PhoneNumber = newPhone.E164 }));
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Pilito.Infrastructure.Identity.PilitoUser>>();
        var identity = await users.FindByNameAsync(newPhone.E164);
        Assert.That(identity?.Id, Is.EqualTo(added.Id));
        Assert.That(identity!.PhoneNumber, Is.EqualTo(newPhone.E164));
        Assert.That(identity.PhoneNumberConfirmed, Is.True);
        Assert.That(await users.FindByNameAsync(oldPhone.E164), Is.Null);
        Assert.That(identity.SecurityStamp, Is.Not.EqualTo(stampBefore));
    }

    private async Task<string?> SecurityStampAsync(Guid userId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Pilito.Infrastructure.Identity.PilitoUser>>();
        return (await users.FindByIdAsync(userId.ToString()))?.SecurityStamp;
    }

    private static byte[] RandomHash() => Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray();

    private static OtpToken Add(IOtpTransaction transaction, PhoneNumber phone, DateTimeOffset at, OtpChannel channel = OtpChannel.Sms)
    {
        var token = OtpToken.Issue(phone, Guid.NewGuid().ToByteArray(), at, TimeSpan.FromMinutes(5), "203.0.113.9", channel: channel);
        transaction.Add(token);
        return token;
    }

    private static PhoneNumber NextPhone() => PhoneNumber.Parse(Phones.NextNational());

    private static void AssertSameFields<T>(T? actual, T expected)
        where T : class
    {
        Assert.That(actual, Is.Not.Null);
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
            Assert.That(property.GetValue(actual), Is.EqualTo(property.GetValue(expected)), property.Name);
    }
}
