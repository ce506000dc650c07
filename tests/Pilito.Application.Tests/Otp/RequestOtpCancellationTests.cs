using Pilito.Application.Common.Ports;
using Pilito.Application.Otp.RequestOtp;
using Pilito.Domain.Otp;
using static Pilito.Application.Tests.Otp.RequestOtpHarness;

namespace Pilito.Application.Tests.Otp;

/// <summary>
/// A client that gives up before its code is stored costs no write and no SMS; one that gives up while the SMS is
/// in flight still has the provider's answer recorded (the writer drops a write whose caller cancelled before it ran).
/// </summary>
public sealed class RequestOtpCancellationTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private RequestOtpHarness _h = null!;

    [SetUp]
    public void SetUp() => _h = new RequestOtpHarness(Start);

    [Test]
    public async Task Request_cancelled_before_its_code_is_stored_stores_nothing_and_sends_nothing()
    {
        using var client = new CancellationTokenSource();
        await client.CancelAsync();

        await Assert.CatchAsync<OperationCanceledException>(() => RequestAsync(client.Token));

        Assert.That(_h.Store.Tokens, Is.Empty);
        Assert.That(_h.Sent, Is.Empty);
    }

    [Test]
    public async Task Provider_answer_is_recorded_when_the_client_gives_up_while_the_sms_is_in_flight()
    {
        using var client = new CancellationTokenSource();
        _h.ProviderAnswers(SmsSendResult.Sent("Kavenegar", "msg-42", 200), meanwhile: () => client.CancelAsync());

        await RequestAsync(client.Token);

        var stored = _h.Store.Tokens.Single();
        Assert.That(stored.Status, Is.EqualTo(OtpStatus.Sent));
        Assert.That(stored.ProviderMessageId, Is.EqualTo("msg-42"));
    }

    private Task<RequestOtpResult> RequestAsync(CancellationToken cancellationToken) =>
        _h.Handler().Handle(new RequestOtpCommand(TypedPhone, null), cancellationToken).AsTask();
}
