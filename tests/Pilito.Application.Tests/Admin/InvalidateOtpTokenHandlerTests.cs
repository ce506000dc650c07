using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Pilito.Application.Admin.Audit;
using Pilito.Application.Admin.InvalidateOtpToken;
using Pilito.Application.Tests.Support;
using Pilito.Domain.Audit;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Application.Tests.Admin;

public sealed class InvalidateOtpTokenHandlerTests
{
    private static readonly PhoneNumber Phone = PhoneNumber.Parse("09123456789");
    private static readonly DateTimeOffset IssuedAt = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = IssuedAt.AddMinutes(1);
    private static readonly byte[] Hash = [1, 2, 3];

    private static readonly StaffActor Actor = new(Guid.Parse("0195a0a0-0000-7000-8000-000000000001"), "ops@pilito.test", "203.0.113.7");

    private InMemoryOtpStore _store = null!;
    private InMemoryStaffAuditLog _audit = null!;

    [SetUp]
    public void SetUp()
    {
        _store = new InMemoryOtpStore();
        _audit = new InMemoryStaffAuditLog();
    }

    [Test]
    public async Task Unknown_token_is_not_found()
    {
        Assert.That(await InvalidateAsync(42), Is.EqualTo(InvalidateOtpTokenOutcome.NotFound));
    }

    [Test]
    public async Task Sent_token_is_revoked_now()
    {
        var id = _store.Seed(SentToken());

        var outcome = await InvalidateAsync(id);

        Assert.That(outcome, Is.EqualTo(InvalidateOtpTokenOutcome.Invalidated));
        Assert.That(_store.Token(id).Status, Is.EqualTo(OtpStatus.Revoked));
        Assert.That(_store.Token(id).RevokedAt, Is.EqualTo(Now));
    }

    [Test]
    public async Task Pending_token_is_revoked_before_its_sms_is_answered()
    {
        var id = _store.Seed(OtpToken.Issue(Phone, Hash, IssuedAt, TimeSpan.FromMinutes(5), null));

        Assert.That(await InvalidateAsync(id), Is.EqualTo(InvalidateOtpTokenOutcome.Invalidated));
        Assert.That(_store.Token(id).Status, Is.EqualTo(OtpStatus.Revoked));
    }

    [Test]
    public async Task Verified_token_is_already_settled_and_left_as_it_is()
    {
        var token = SentToken();
        token.TryVerify(Hash, VerifyAttempt.WithoutId, 5, IssuedAt.AddSeconds(30));
        var id = _store.Seed(token);
        var version = _store.Token(id).Version;

        var outcome = await InvalidateAsync(id);

        Assert.That(outcome, Is.EqualTo(InvalidateOtpTokenOutcome.AlreadySettled));
        Assert.That(_store.Token(id).Status, Is.EqualTo(OtpStatus.Verified));
        Assert.That(_store.Token(id).RevokedAt, Is.Null);
        Assert.That(_store.Token(id).Version, Is.EqualTo(version));
    }

    [Test]
    public async Task Token_is_invalidated_in_one_write_with_no_retries()
    {
        var id = _store.Seed(SentToken());

        await InvalidateAsync(id);

        Assert.That(_store.Runs, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Invalidation_is_recorded_with_the_staff_member_the_token_and_the_address()
    {
        var id = _store.Seed(SentToken());

        await InvalidateAsync(id);

        var entry = _audit.Entries.Single();
        Assert.That(entry.Action, Is.EqualTo(StaffAuditAction.InvalidateOtpToken));
        Assert.That((entry.StaffId, entry.StaffEmail, entry.Target, entry.ClientAddress, entry.OccurredAt),
            Is.EqualTo((Actor.StaffId, "ops@pilito.test", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "203.0.113.7", Now)));
    }

    [Test]
    public async Task Settled_or_unknown_token_records_nothing_since_nothing_changed()
    {
        var token = SentToken();
        token.TryVerify(Hash, VerifyAttempt.WithoutId, 5, IssuedAt.AddSeconds(30));
        var id = _store.Seed(token);

        await InvalidateAsync(id);
        await InvalidateAsync(id + 100);

        Assert.That(_audit.Entries, Is.Empty);
    }

    private Task<InvalidateOtpTokenOutcome> InvalidateAsync(long id) =>
        new InvalidateOtpTokenHandler(_store, new FakeTimeProvider(Now), _audit.Recorder(new FakeTimeProvider(Now)), NullLogger<InvalidateOtpTokenHandler>.Instance)
            .Handle(new InvalidateOtpTokenCommand(id, Actor), CancellationToken.None).AsTask();

    private static OtpToken SentToken()
    {
        var token = OtpToken.Issue(Phone, Hash, IssuedAt, TimeSpan.FromMinutes(5), null);
        token.RecordDelivery(new DeliveryReport("Kavenegar", true, "msg-42", 200, null), IssuedAt);
        return token;
    }
}
