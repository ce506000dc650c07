using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Application.Common.Telemetry;
using Pilito.Application.Otp.RequestOtp;
using Pilito.Application.Tests.Support;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Application.Tests.Otp;

/// <summary>
/// <see cref="RequestOtpHandler"/> over an in-memory store, a fake clock and a strict SMS sender that records what
/// it was asked to send: an SMS past a limit fails the test.
/// </summary>
public sealed class RequestOtpHarness
{
    public const string TypedPhone = "0912 345-6789";
    public static readonly PhoneNumber Phone = PhoneNumber.Parse("+989123456789");
    public static readonly PhoneNumber OtherPhone = PhoneNumber.Parse("+989351112233");

    private readonly Mock<IOtpCodeHasher> _hasher = new();

    public RequestOtpHarness(DateTimeOffset now)
    {
        Clock = new FakeTimeProvider(now);
        _hasher.Setup(h => h.Hash(It.IsAny<PhoneNumber>(), It.IsAny<string>()))
            .Returns((PhoneNumber phone, string code) => FakeHash(phone, code));
        Sms.SetupGet(s => s.IsConfigured).Returns(true);
        Sms.SetupGet(s => s.MessageLanguages).Returns([]);
        Sms.SetupGet(s => s.Provider).Returns("Kavenegar");
        Sms.Setup(s => s.CanSend(It.IsAny<OtpChannel>())).Returns(true);
        ProviderAnswers(SmsSendResult.Sent("Kavenegar", "msg-42", 200));
    }

    public FakeTimeProvider Clock { get; }

    public OtpOptions Options { get; } = new()
    {
        CodeLength = 6,
        Lifetime = TimeSpan.FromMinutes(5),
        MaxSendsPerWindow = 3,
        SendWindow = TimeSpan.FromMinutes(2),
    };

    public InMemoryOtpStore Store { get; } = new();

    /// <summary>Off, as by default; tests of the challenge turn it on and set up <see cref="ProofOfWork"/>.</summary>
    public ChallengeOptions Challenges { get; } = new();

    public Mock<IProofOfWork> ProofOfWork { get; } = new(MockBehavior.Strict);

    /// <summary>Numbered handles: a test that compares them sees that each request gets its own.</summary>
    public ISecretTokenGenerator Secrets { get; } = new CountingSecrets();

    public Mock<ISmsSender> Sms { get; } = new(MockBehavior.Strict);

    /// <summary>Each SMS as the provider was asked for it, with the stored status of the phone's newest code at that moment.</summary>
    public List<(PhoneNumber Phone, string Code, OtpStatus StoredStatus, OtpChannel Channel)> Sent { get; } = [];

    public RequestOtpHandler Handler() => new(
        Store,
        new SmsFailover(new SmsSendersInOrder([Sms.Object]), Metrics, Clock, NullLogger<SmsFailover>.Instance),
        _hasher.Object,
        Secrets,
        new ChallengeGate(ProofOfWork.Object, Microsoft.Extensions.Options.Options.Create(Challenges)),
        WebhookEndpoints.All(),
        Microsoft.Extensions.Options.Options.Create(Options),
        Clock,
        Metrics,
        NullLogger<RequestOtpHandler>.Instance);

    private OtpMetrics Metrics { get; } = new(new TestMeterFactory());

    public Task<RequestOtpResult> RequestAsync(string? clientIp = null, string typedPhone = TypedPhone, string? channel = null) =>
        Handler().Handle(new RequestOtpCommand(typedPhone, clientIp, Channel: channel), CancellationToken.None).AsTask();

    /// <summary>
    /// The provider answers <paramref name="answer"/> after <paramref name="takes"/>; <paramref name="meanwhile"/>, if
    /// any, runs once while the first SMS is in flight (another request, say).
    /// </summary>
    public void ProviderAnswers(SmsSendResult answer, TimeSpan takes = default, Func<Task>? meanwhile = null) =>
        Sms.Setup(s => s.SendOtpAsync(It.IsAny<PhoneNumber>(), It.IsAny<string>(), It.IsAny<OtpChannel>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .Returns(async (PhoneNumber phone, string code, OtpChannel channel, string? _, CancellationToken _) =>
            {
                var newest = Store.Tokens.Where(t => t.Phone == phone).MaxBy(t => t.Id);
                Sent.Add((phone, code, newest!.Status, channel));
                Clock.Advance(takes);
                if (meanwhile is { } inFlight)
                {
                    meanwhile = null;
                    await inFlight();
                }

                return answer;
            });

    /// <summary>Stores a code for the phone created at <paramref name="createdAt"/> whose SMS the provider accepted.</summary>
    public long SeedSentCode(DateTimeOffset createdAt, PhoneNumber? phone = null)
    {
        var token = OtpToken.Issue(phone ?? Phone, FakeHash(phone ?? Phone, "111111"), createdAt, Options.Lifetime, null);
        token.RecordDelivery(new DeliveryReport("Kavenegar", true, "msg-1", 200, null), createdAt);
        return Store.Seed(token);
    }

    public static byte[] FakeHash(PhoneNumber phone, string code) => Encoding.UTF8.GetBytes($"{phone.E164}:{code}");

    private sealed class CountingSecrets : ISecretTokenGenerator
    {
        private int _issued;

        public string Generate() => $"verification-{Interlocked.Increment(ref _issued)}";

        public byte[] Hash(string token) => System.Text.Encoding.UTF8.GetBytes(token);
    }
}
