using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Pilito.Application.Common.Ports;
using Pilito.Application.Common.Telemetry;
using Pilito.Application.Otp.RequestOtp;
using Pilito.Application.Tests.Support;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Application.Tests.Otp;

/// <summary>The failover rule: the next provider only when the one before certainly sent nothing.</summary>
public sealed class SmsFailoverTests
{
    private static readonly PhoneNumber Phone = PhoneNumber.Parse("+989123456789");

    [TestCase(SmsFailureKind.Rejected, true)]
    [TestCase(SmsFailureKind.Unreachable, true)]
    [TestCase(SmsFailureKind.Timeout, false)]
    [TestCase(SmsFailureKind.Unavailable, false)]
    public async Task Only_a_failure_that_certainly_sent_nothing_moves_to_the_next_provider(SmsFailureKind failure, bool failsOver)
    {
        var first = Sender("A", SmsSendResult.Failed("A", failure, "no"));
        var second = Sender("B", SmsSendResult.Sent("B", "m-1", 1));

        var result = await Failover(first, second).SendAsync(Phone, "123456", OtpChannel.Sms, _ => null, CancellationToken.None);

        Assert.That(result.Accepted, Is.EqualTo(failsOver));
        Assert.That(result.Report.Provider, Is.EqualTo(failsOver ? "B" : "A"));
        second.Verify(s => s.SendOtpAsync(Phone, "123456", OtpChannel.Sms, null, It.IsAny<CancellationToken>()), failsOver ? Times.Once() : Times.Never());
    }

    [Test]
    public async Task Providers_not_configured_or_unable_to_deliver_on_the_channel_are_passed_over()
    {
        var unconfigured = Sender("A", SmsSendResult.Sent("A", "m-1", 1), configured: false);
        var smsOnly = Sender("B", SmsSendResult.Sent("B", "m-2", 1), calls: false);
        var caller = Sender("C", SmsSendResult.Sent("C", "m-3", 1));

        var result = await Failover(unconfigured.Object, smsOnly.Object, caller.Object)
            .SendAsync(Phone, "123456", OtpChannel.Call, _ => "fa", CancellationToken.None);

        Assert.That(result.Report.Provider, Is.EqualTo("C"));
        unconfigured.Verify(s => s.SendOtpAsync(It.IsAny<PhoneNumber>(), It.IsAny<string>(), It.IsAny<OtpChannel>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()), Times.Never);
        smsOnly.Verify(s => s.SendOtpAsync(It.IsAny<PhoneNumber>(), It.IsAny<string>(), It.IsAny<OtpChannel>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()), Times.Never);
        caller.Verify(s => s.SendOtpAsync(Phone, "123456", OtpChannel.Call, null, It.IsAny<CancellationToken>()), Times.Once, "a call has no message language");
    }

    [Test]
    public async Task Each_provider_gets_the_language_chosen_among_its_own_templates()
    {
        var first = Sender("A", SmsSendResult.Failed("A", SmsFailureKind.Rejected, "no"), languages: ["en"]);
        var second = Sender("B", SmsSendResult.Sent("B", "m-1", 1), languages: []);

        await Failover(first, second).SendAsync(Phone, "123456", OtpChannel.Sms, templates => templates.FirstOrDefault(), CancellationToken.None);

        first.Verify(s => s.SendOtpAsync(Phone, "123456", OtpChannel.Sms, "en", It.IsAny<CancellationToken>()));
        second.Verify(s => s.SendOtpAsync(Phone, "123456", OtpChannel.Sms, null, It.IsAny<CancellationToken>()));
    }

    [Test]
    public async Task When_all_refuse_the_last_report_carries_every_provider_s_reason()
    {
        var first = Sender("A", SmsSendResult.Failed("A", SmsFailureKind.Rejected, "No credit (1)", 1));
        var second = Sender("B", SmsSendResult.Failed("B", SmsFailureKind.Unreachable, "B could not be reached"));

        var result = await Failover(first, second).SendAsync(Phone, "123456", OtpChannel.Sms, _ => null, CancellationToken.None);

        Assert.That(result.Accepted, Is.False);
        Assert.That(result.Failure, Is.EqualTo(SmsFailureKind.Unreachable));
        Assert.That(result.Report, Is.EqualTo(new DeliveryReport("B", false, null, null, "A: No credit (1); B: B could not be reached")));
    }

    [Test]
    public async Task A_single_provider_s_failure_is_its_own_reason_unchanged()
    {
        var only = Sender("A", SmsSendResult.Failed("A", SmsFailureKind.Rejected, "No credit (1)", 1));

        var result = await Failover(only).SendAsync(Phone, "123456", OtpChannel.Sms, _ => null, CancellationToken.None);

        Assert.That(result.Report.ProviderError, Is.EqualTo("No credit (1)"));
    }

    private static SmsFailover Failover(params Mock<ISmsSender>[] senders) => Failover([.. senders.Select(s => s.Object)]);

    private static SmsFailover Failover(params ISmsSender[] senders) =>
        new(new SmsSendersInOrder(senders), new OtpMetrics(new TestMeterFactory()), new FakeTimeProvider(), NullLogger<SmsFailover>.Instance);

    private static Mock<ISmsSender> Sender(string name, SmsSendResult answer, bool configured = true, bool calls = true, IReadOnlyCollection<string>? languages = null)
    {
        var sender = new Mock<ISmsSender>(MockBehavior.Strict);
        sender.SetupGet(s => s.Provider).Returns(name);
        sender.SetupGet(s => s.IsConfigured).Returns(configured);
        sender.SetupGet(s => s.MessageLanguages).Returns(languages ?? []);
        sender.Setup(s => s.CanSend(It.IsAny<OtpChannel>())).Returns((OtpChannel c) => calls || c == OtpChannel.Sms);
        sender.Setup(s => s.SendOtpAsync(It.IsAny<PhoneNumber>(), It.IsAny<string>(), It.IsAny<OtpChannel>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(answer);
        return sender;
    }

}
