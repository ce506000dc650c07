using Moq;
using Pilito.Application.Common.Ports;
using Pilito.Application.Otp.RequestOtp;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Application.Tests.Otp;

/// <summary>Templates people can read (issue #17): the handler hands the chosen language to the sender, never to a call.</summary>
public sealed class RequestOtpLanguageTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private RequestOtpHarness _h = null!;
    private readonly List<string?> _languages = [];

    [SetUp]
    public void SetUp()
    {
        _languages.Clear();
        _h = new RequestOtpHarness(Start);
        _h.Sms.SetupGet(s => s.MessageLanguages).Returns(["fa", "en"]);
        _h.Sms.Setup(s => s.SendOtpAsync(It.IsAny<PhoneNumber>(), It.IsAny<string>(), It.IsAny<OtpChannel>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .Callback((PhoneNumber _, string _, OtpChannel _, string? language, CancellationToken _) => _languages.Add(language))
            .ReturnsAsync(SmsSendResult.Sent("Kavenegar", "msg-42", 200));
    }

    [Test]
    public async Task The_requested_language_reaches_the_sender()
    {
        await Send(new RequestOtpCommand(RequestOtpHarness.TypedPhone, null, Language: "en-US", AcceptedLanguages: ["fa"]));

        Assert.That(_languages, Is.EqualTo(new[] { "en" }));
    }

    [Test]
    public async Task Accept_language_is_used_when_the_request_names_none()
    {
        await Send(new RequestOtpCommand(RequestOtpHarness.TypedPhone, null, AcceptedLanguages: ["de", "en"]));

        Assert.That(_languages, Is.EqualTo(new[] { "en" }));
    }

    [Test]
    public async Task An_iranian_number_asking_nothing_gets_persian()
    {
        await Send(new RequestOtpCommand(RequestOtpHarness.TypedPhone, null));

        Assert.That(_languages, Is.EqualTo(new[] { "fa" }));
    }

    [Test]
    public async Task A_call_gets_no_language()
    {
        await Send(new RequestOtpCommand(RequestOtpHarness.TypedPhone, null, Channel: DeliveryChannels.Call, Language: "en"));

        Assert.That(_languages, Is.EqualTo(new string?[] { null }));
    }

    private Task<RequestOtpResult> Send(RequestOtpCommand command) =>
        _h.Handler().Handle(command, CancellationToken.None).AsTask();
}
