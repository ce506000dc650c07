using Microsoft.Extensions.Time.Testing;
using Pilito.Application.Admin.Audit;
using Moq;
using Pilito.Application.Common.Errors;
using Pilito.Application.Common.Ports;
using Pilito.Application.Common.Telemetry;
using Pilito.Application.Otp.CheckDeliveryStatus;
using Pilito.Application.Tests.Support;
using Pilito.Domain.Audit;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Application.Tests.Otp;

public sealed class CheckDeliveryStatusHandlerTests
{
    private const string MessageId = "8792344";
    private static readonly PhoneNumber Phone = PhoneNumber.Parse("09123456789");
    private static readonly DateTimeOffset SentAt = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset CheckedAt = SentAt.AddMinutes(3);

    private static readonly StaffActor Actor = new(Guid.Parse("0195a0a0-0000-7000-8000-000000000002"), "Help@Pilito.test", "2001:db8::5");

    private FakeTimeProvider _clock = null!;
    private InMemoryStaffAuditLog _audit = null!;
    private InMemoryOtpStore _store = null!;
    private Mock<IOtpTokenStore> _reads = null!;
    private Mock<ISmsDeliveryTracker> _tracker = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(CheckedAt);
        _store = new InMemoryOtpStore();
        _audit = new InMemoryStaffAuditLog();
        // The read before the provider is asked: a copy of the stored token that nothing saves.
        _reads = new Mock<IOtpTokenStore>(MockBehavior.Strict);
        _reads.Setup(s => s.FindAsync(It.IsAny<long>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((long id, CancellationToken _) => _store.ReadToken(id));
        _tracker = new Mock<ISmsDeliveryTracker>(MockBehavior.Strict);
        _tracker.Setup(t => t.Tracks("Kavenegar")).Returns(true);
        _tracker.Setup(t => t.Tracks("Log")).Returns(false);
        ProviderAnswers(new DeliveryStatusAnswer(10, "Delivered", DeliveryOutcome.Delivered));
    }

    [Test]
    public async Task Records_the_provider_status_on_the_token_and_saves_it()
    {
        var id = _store.Seed(SentToken());

        var result = await Handler().Handle(new CheckDeliveryStatusCommand(id, Actor), CancellationToken.None);

        var stored = _store.Token(id);
        Assert.That(stored.DeliveryStatus, Is.EqualTo(10));
        Assert.That(stored.DeliveryStatusText, Is.EqualTo("Delivered"));
        Assert.That(stored.DeliveryCheckedAt, Is.EqualTo(CheckedAt));
        Assert.That(result, Is.EqualTo(new DeliveryStatusResult(10, "Delivered", CheckedAt)));
    }

    [Test]
    public async Task Check_is_recorded_with_the_staff_member_the_token_and_the_address()
    {
        var id = _store.Seed(SentToken());

        await Handler().Handle(new CheckDeliveryStatusCommand(id, Actor), CancellationToken.None);

        var entry = _audit.Entries.Single();
        Assert.That(entry.Action, Is.EqualTo(StaffAuditAction.DeliveryCheck));
        Assert.That((entry.StaffId, entry.StaffEmail, entry.Target, entry.ClientAddress, entry.OccurredAt),
            Is.EqualTo((Actor.StaffId, "help@pilito.test", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "2001:db8::5", CheckedAt)));
    }

    [Test]
    public async Task Untrackable_token_records_no_check_since_the_provider_was_not_asked()
    {
        var token = OtpToken.Issue(Phone, [1, 2, 3], SentAt, TimeSpan.FromMinutes(5), null);
        token.RecordDelivery(new DeliveryReport("Log", true, null, null, null), SentAt);
        var id = _store.Seed(token);

        await Assert.ThrowsAsync<DeliveryNotTrackableException>(async () =>
            await Handler().Handle(new CheckDeliveryStatusCommand(id, Actor), CancellationToken.None));
        Assert.That(_audit.Entries, Is.Empty);
    }

    [Test]
    public async Task Delivery_status_leaves_the_code_usable()
    {
        var id = _store.Seed(SentToken());

        await Handler().Handle(new CheckDeliveryStatusCommand(id, Actor), CancellationToken.None);

        Assert.That(_store.Token(id).Status, Is.EqualTo(OtpStatus.Sent));
    }

    [Test]
    public async Task Status_is_recorded_on_the_token_as_it_is_now_when_another_write_changed_it_meanwhile()
    {
        // Was: a concurrency conflict re-read the token and recorded on the fresh copy.
        var id = _store.Seed(SentToken());
        ProviderAnswers(new DeliveryStatusAnswer(10, "Delivered", DeliveryOutcome.Delivered), meanwhile: () => _store.RunAsync(Phone, async (tx, ct) =>
        {
            (await tx.FindTokenAsync(id, ct))!.Supersede(); // a newer code was requested while the provider was asked
            return true;
        }, CancellationToken.None));

        var result = await Handler().Handle(new CheckDeliveryStatusCommand(id, Actor), CancellationToken.None);

        var stored = _store.Token(id);
        Assert.That(stored.Status, Is.EqualTo(OtpStatus.Superseded), "the other write is kept");
        Assert.That(stored.DeliveryStatus, Is.EqualTo(10));
        Assert.That(stored.DeliveryCheckedAt, Is.EqualTo(CheckedAt));
        Assert.That(result.Status, Is.EqualTo(10));
        _tracker.Verify(t => t.GetStatusAsync(MessageId, It.IsAny<CancellationToken>()), Times.Once, "the provider is asked once");
    }

    [Test]
    public async Task Status_is_recorded_in_one_write_with_no_retries()
    {
        // Was: endless conflicts gave up after five saves. The writer's transaction leaves nothing to retry.
        var id = _store.Seed(SentToken());

        await Handler().Handle(new CheckDeliveryStatusCommand(id, Actor), CancellationToken.None);

        Assert.That(_store.Runs, Has.Count.EqualTo(1));
        _reads.Verify(s => s.FindAsync(id, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Token_deleted_between_the_read_and_the_record_is_not_found()
    {
        var id = _store.Seed(SentToken());
        ProviderAnswers(new DeliveryStatusAnswer(10, "Delivered", DeliveryOutcome.Delivered), meanwhile: () =>
        {
            _store.Delete(id); // retention purged it while the provider was asked
            return Task.CompletedTask;
        });

        await Assert.ThrowsAsync<OtpTokenNotFoundException>(async () =>
            await Handler().Handle(new CheckDeliveryStatusCommand(id, Actor), CancellationToken.None));

        Assert.That(_store.Tokens, Is.Empty);
    }

    [Test]
    public async Task Unknown_token_is_not_found()
    {
        await Assert.ThrowsAsync<OtpTokenNotFoundException>(async () =>
            await Handler().Handle(new CheckDeliveryStatusCommand(42, Actor), CancellationToken.None));

        _tracker.Verify(t => t.GetStatusAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.That(_store.Runs, Is.Empty);
    }

    [Test]
    public async Task Token_sent_by_a_provider_without_status_lookup_is_not_trackable()
    {
        var id = _store.Seed(Token(new DeliveryReport("Log", true, null, null, null)));

        await Assert.ThrowsAsync<DeliveryNotTrackableException>(async () =>
            await Handler().Handle(new CheckDeliveryStatusCommand(id, Actor), CancellationToken.None));

        _tracker.Verify(t => t.GetStatusAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Token_without_a_message_id_is_not_trackable()
    {
        var id = _store.Seed(Token(new DeliveryReport("Kavenegar", false, null, 411, "Invalid receptor (411)")));

        await Assert.ThrowsAsync<DeliveryNotTrackableException>(async () =>
            await Handler().Handle(new CheckDeliveryStatusCommand(id, Actor), CancellationToken.None));
    }

    [Test]
    public async Task Token_never_sent_is_not_trackable()
    {
        var id = _store.Seed(OtpToken.Issue(Phone, [1, 2, 3], SentAt, TimeSpan.FromMinutes(5), null));

        await Assert.ThrowsAsync<DeliveryNotTrackableException>(async () =>
            await Handler().Handle(new CheckDeliveryStatusCommand(id, Actor), CancellationToken.None));
    }

    [Test]
    public async Task No_answer_from_the_provider_keeps_what_the_token_had_and_saves_nothing()
    {
        var token = SentToken();
        token.RecordDeliveryStatus(5, "Sent to the telecom operator", DeliveryOutcome.Pending, SentAt.AddMinutes(1));
        var id = _store.Seed(token);
        ProviderAnswers(new DeliveryStatusAnswer(null, "Kavenegar gave no status: Kavenegar could not be reached (connection refused)"));

        var result = await Handler().Handle(new CheckDeliveryStatusCommand(id, Actor), CancellationToken.None);

        Assert.That(result.Status, Is.Null);
        Assert.That(result.StatusText, Does.Contain("connection refused"));
        Assert.That(_store.Token(id).DeliveryStatus, Is.EqualTo(5));
        Assert.That(_store.Token(id).DeliveryCheckedAt, Is.EqualTo(SentAt.AddMinutes(1)));
        Assert.That(_store.Runs, Is.Empty, "no write");
    }

    private CheckDeliveryStatusHandler Handler() => new(_reads.Object, _store, [_tracker.Object], _clock, _audit.Recorder(_clock), new OtpMetrics(new TestMeterFactory()),
        WebhookEndpoints.All());

    /// <summary>The provider answers <paramref name="answer"/>; <paramref name="meanwhile"/> runs while it is asked.</summary>
    private void ProviderAnswers(DeliveryStatusAnswer answer, Func<Task>? meanwhile = null) =>
        _tracker.Setup(t => t.GetStatusAsync(MessageId, It.IsAny<CancellationToken>()))
            .Returns(async (string _, CancellationToken _) =>
            {
                if (meanwhile is not null)
                    await meanwhile();
                return answer;
            });

    private static OtpToken SentToken() => Token(new DeliveryReport("Kavenegar", true, MessageId, 200, null));

    private static OtpToken Token(DeliveryReport report)
    {
        var token = OtpToken.Issue(Phone, [1, 2, 3], SentAt, TimeSpan.FromMinutes(5), null);
        token.RecordDelivery(report, SentAt);
        return token;
    }
}
