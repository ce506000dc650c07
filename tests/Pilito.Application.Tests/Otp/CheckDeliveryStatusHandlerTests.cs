using Microsoft.Extensions.Time.Testing;
using Moq;
using Pilito.Application.Common.Errors;
using Pilito.Application.Common.Ports;
using Pilito.Application.Otp.CheckDeliveryStatus;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Application.Tests.Otp;

public sealed class CheckDeliveryStatusHandlerTests
{
    private const long TokenId = 42;
    private const string MessageId = "8792344";
    private static readonly PhoneNumber Phone = PhoneNumber.Parse("09123456789");
    private static readonly DateTimeOffset SentAt = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset CheckedAt = SentAt.AddMinutes(3);

    private FakeTimeProvider _clock = null!;
    private Mock<IOtpTokenStore> _store = null!;
    private Mock<ISmsDeliveryTracker> _tracker = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(CheckedAt);
        _store = new Mock<IOtpTokenStore>(MockBehavior.Strict);
        _tracker = new Mock<ISmsDeliveryTracker>(MockBehavior.Strict);
        _tracker.Setup(t => t.Tracks("Kavenegar")).Returns(true);
        _tracker.Setup(t => t.Tracks("Log")).Returns(false);
        _tracker.Setup(t => t.GetStatusAsync(MessageId, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new DeliveryStatusAnswer(10, "Delivered"));
    }

    [Test]
    public async Task Records_the_provider_status_on_the_token_and_saves_it()
    {
        var token = SentToken();
        _store.Setup(s => s.FindAsync(TokenId, It.IsAny<CancellationToken>())).ReturnsAsync(token);
        _store.Setup(s => s.TrySaveAsync(It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var result = await Handler().Handle(new CheckDeliveryStatusCommand(TokenId), CancellationToken.None);

        Assert.That(token.DeliveryStatus, Is.EqualTo(10));
        Assert.That(token.DeliveryStatusText, Is.EqualTo("Delivered"));
        Assert.That(token.DeliveryCheckedAt, Is.EqualTo(CheckedAt));
        Assert.That(result, Is.EqualTo(new DeliveryStatusResult(10, "Delivered", CheckedAt)));
        _store.Verify(s => s.TrySaveAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Delivery_status_leaves_the_code_usable()
    {
        var token = SentToken();
        _store.Setup(s => s.FindAsync(TokenId, It.IsAny<CancellationToken>())).ReturnsAsync(token);
        _store.Setup(s => s.TrySaveAsync(It.IsAny<CancellationToken>())).ReturnsAsync(true);

        await Handler().Handle(new CheckDeliveryStatusCommand(TokenId), CancellationToken.None);

        Assert.That(token.Status, Is.EqualTo(OtpStatus.Sent));
    }

    [Test]
    public async Task Concurrency_conflict_on_save_rereads_the_token_and_records_on_the_fresh_copy()
    {
        var stale = SentToken();
        var fresh = SentToken();
        _store.SetupSequence(s => s.FindAsync(TokenId, It.IsAny<CancellationToken>())).ReturnsAsync(stale).ReturnsAsync(fresh);
        _store.SetupSequence(s => s.TrySaveAsync(It.IsAny<CancellationToken>())).ReturnsAsync(false).ReturnsAsync(true);

        var result = await Handler().Handle(new CheckDeliveryStatusCommand(TokenId), CancellationToken.None);

        Assert.That(fresh.DeliveryStatus, Is.EqualTo(10));
        Assert.That(fresh.DeliveryCheckedAt, Is.EqualTo(CheckedAt));
        Assert.That(result.Status, Is.EqualTo(10));
        _store.Verify(s => s.FindAsync(TokenId, It.IsAny<CancellationToken>()), Times.Exactly(2));
        _store.Verify(s => s.TrySaveAsync(It.IsAny<CancellationToken>()), Times.Exactly(2));
        _tracker.Verify(t => t.GetStatusAsync(MessageId, It.IsAny<CancellationToken>()), Times.Once, "the provider is asked once");
    }

    [Test]
    public async Task Endless_conflicts_give_up_after_five_saves()
    {
        _store.Setup(s => s.FindAsync(TokenId, It.IsAny<CancellationToken>())).ReturnsAsync(() => SentToken());
        _store.Setup(s => s.TrySaveAsync(It.IsAny<CancellationToken>())).ReturnsAsync(false);

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await Handler().Handle(new CheckDeliveryStatusCommand(TokenId), CancellationToken.None));

        _store.Verify(s => s.TrySaveAsync(It.IsAny<CancellationToken>()), Times.Exactly(5));
    }

    [Test]
    public async Task Unknown_token_is_not_found()
    {
        _store.Setup(s => s.FindAsync(TokenId, It.IsAny<CancellationToken>())).ReturnsAsync((OtpToken?)null);

        await Assert.ThrowsAsync<OtpTokenNotFoundException>(async () =>
            await Handler().Handle(new CheckDeliveryStatusCommand(TokenId), CancellationToken.None));

        _tracker.Verify(t => t.GetStatusAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Token_sent_by_a_provider_without_status_lookup_is_not_trackable()
    {
        var token = Token(new DeliveryReport("Log", true, null, null, null));
        _store.Setup(s => s.FindAsync(TokenId, It.IsAny<CancellationToken>())).ReturnsAsync(token);

        await Assert.ThrowsAsync<DeliveryNotTrackableException>(async () =>
            await Handler().Handle(new CheckDeliveryStatusCommand(TokenId), CancellationToken.None));

        _tracker.Verify(t => t.GetStatusAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Token_without_a_message_id_is_not_trackable()
    {
        var token = Token(new DeliveryReport("Kavenegar", false, null, 411, "Invalid receptor (411)"));
        _store.Setup(s => s.FindAsync(TokenId, It.IsAny<CancellationToken>())).ReturnsAsync(token);

        await Assert.ThrowsAsync<DeliveryNotTrackableException>(async () =>
            await Handler().Handle(new CheckDeliveryStatusCommand(TokenId), CancellationToken.None));
    }

    [Test]
    public async Task Token_never_sent_is_not_trackable()
    {
        var token = OtpToken.Issue(Phone, [1, 2, 3], SentAt, TimeSpan.FromMinutes(5), null);
        _store.Setup(s => s.FindAsync(TokenId, It.IsAny<CancellationToken>())).ReturnsAsync(token);

        await Assert.ThrowsAsync<DeliveryNotTrackableException>(async () =>
            await Handler().Handle(new CheckDeliveryStatusCommand(TokenId), CancellationToken.None));
    }

    [Test]
    public async Task No_answer_from_the_provider_keeps_what_the_token_had_and_saves_nothing()
    {
        var token = SentToken();
        token.RecordDeliveryStatus(5, "Sent to the telecom operator", SentAt.AddMinutes(1));
        _store.Setup(s => s.FindAsync(TokenId, It.IsAny<CancellationToken>())).ReturnsAsync(token);
        _tracker.Setup(t => t.GetStatusAsync(MessageId, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new DeliveryStatusAnswer(null, "Kavenegar gave no status: Kavenegar could not be reached (connection refused)"));

        var result = await Handler().Handle(new CheckDeliveryStatusCommand(TokenId), CancellationToken.None);

        Assert.That(result.Status, Is.Null);
        Assert.That(result.StatusText, Does.Contain("connection refused"));
        Assert.That(token.DeliveryStatus, Is.EqualTo(5));
        Assert.That(token.DeliveryCheckedAt, Is.EqualTo(SentAt.AddMinutes(1)));
        _store.Verify(s => s.TrySaveAsync(It.IsAny<CancellationToken>()), Times.Never); // strict: any save would also throw
    }

    private CheckDeliveryStatusHandler Handler() => new(_store.Object, _tracker.Object, _clock);

    private static OtpToken SentToken() => Token(new DeliveryReport("Kavenegar", true, MessageId, 200, null));

    private static OtpToken Token(DeliveryReport report)
    {
        var token = OtpToken.Issue(Phone, [1, 2, 3], SentAt, TimeSpan.FromMinutes(5), null);
        token.RecordDelivery(report, SentAt);
        return token;
    }
}
