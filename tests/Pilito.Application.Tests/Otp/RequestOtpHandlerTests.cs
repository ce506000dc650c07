using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Pilito.Application.Common.Errors;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Application.Common.Telemetry;
using Pilito.Application.Tests.Support;
using Pilito.Application.Otp.RequestOtp;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Application.Tests.Otp;

public sealed class RequestOtpHandlerTests
{
    private const string TypedPhone = "0912 345-6789";
    private static readonly PhoneNumber Phone = PhoneNumber.Parse("+989123456789");
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private FakeTimeProvider _clock = null!;
    private OtpOptions _options = null!;
    private Mock<IOtpIssuance> _store = null!;
    private Mock<ISmsSender> _sms = null!;
    private Mock<IOtpCodeHasher> _hasher = null!;

    // What the handler handed to the ports, captured at the moment of the call.
    private OtpToken? _storedToken;
    private OtpStatus? _statusWhenStored;
    private int? _maxPerWindow;
    private DateTimeOffset? _windowStart;
    private OtpLimits? _limits;
    private readonly List<(PhoneNumber Phone, string Code)> _sent = [];
    private DeliveryReport? _savedReport;
    private DateTimeOffset? _savedAt;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(Start);
        _options = new OtpOptions
        {
            CodeLength = 6,
            Lifetime = TimeSpan.FromMinutes(5),
            MaxSendsPerWindow = 3,
            SendWindow = TimeSpan.FromMinutes(2),
        };
        _storedToken = null;
        _statusWhenStored = null;
        _maxPerWindow = null;
        _windowStart = null;
        _sent.Clear();
        _savedReport = null;
        _savedAt = null;

        _hasher = new Mock<IOtpCodeHasher>();
        _hasher.Setup(h => h.Hash(It.IsAny<PhoneNumber>(), It.IsAny<string>()))
            .Returns((PhoneNumber phone, string code) => FakeHash(phone, code));

        _store = new Mock<IOtpIssuance>(MockBehavior.Strict);
        _store.Setup(s => s.AddWithinLimitsAsync(It.IsAny<OtpToken>(), It.IsAny<OtpLimits>(), It.IsAny<CancellationToken>()))
            .Callback((OtpToken token, OtpLimits limits, CancellationToken _) =>
            {
                _storedToken = token;
                _statusWhenStored = token.Status;
                _maxPerWindow = limits.MaxPerPhone;
                _windowStart = limits.PhoneWindowStart;
                _limits = limits;
            })
            .ReturnsAsync(OtpAdmission.Accepted);
        _store.Setup(s => s.SaveDeliveryAsync(It.IsAny<OtpToken>(), It.IsAny<DeliveryReport>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Callback((OtpToken _, DeliveryReport report, DateTimeOffset now, CancellationToken _) =>
            {
                _savedReport = report;
                _savedAt = now;
            })
            .Returns(Task.CompletedTask);

        _sms = new Mock<ISmsSender>(MockBehavior.Strict);
        _sms.SetupGet(s => s.IsConfigured).Returns(true);
        ProviderAnswers(SmsSendResult.Sent("Kavenegar", "msg-42", 200));
    }

    [Test]
    public async Task Stores_a_pending_token_hashed_from_the_phone_and_the_sent_code()
    {
        await Handler().Handle(new RequestOtpCommand(TypedPhone, "203.0.113.7"), CancellationToken.None);

        Assert.That(_storedToken, Is.Not.Null);
        Assert.That(_sent, Has.Count.EqualTo(1));
        Assert.That(_statusWhenStored, Is.EqualTo(OtpStatus.Pending));
        Assert.That(_storedToken!.Phone, Is.EqualTo(Phone));
        Assert.That(_storedToken.CodeHash, Is.EqualTo(FakeHash(Phone, _sent[0].Code)));
        Assert.That(_storedToken.ClientIp, Is.EqualTo("203.0.113.7"));
    }

    [Test]
    public async Task Stored_token_expires_one_lifetime_after_now()
    {
        _options.Lifetime = TimeSpan.FromSeconds(90);

        await Handler().Handle(new RequestOtpCommand(TypedPhone, null), CancellationToken.None);

        Assert.That(_storedToken!.CreatedAt, Is.EqualTo(Start));
        Assert.That(_storedToken.ExpiresAt, Is.EqualTo(Start + TimeSpan.FromSeconds(90)));
    }

    [Test]
    public async Task Store_counts_the_sends_since_one_window_ago_against_the_configured_limit()
    {
        _options.MaxSendsPerWindow = 7;
        _options.SendWindow = TimeSpan.FromMinutes(10);

        await Handler().Handle(new RequestOtpCommand(TypedPhone, null), CancellationToken.None);

        Assert.That(_maxPerWindow, Is.EqualTo(7));
        Assert.That(_windowStart, Is.EqualTo(Start - TimeSpan.FromMinutes(10)));
    }

    [TestCase(4)]
    [TestCase(6)]
    [TestCase(10)]
    public async Task Sends_exactly_one_sms_to_the_normalized_phone_with_a_code_of_the_configured_length(int codeLength)
    {
        _options.CodeLength = codeLength;

        await Handler().Handle(new RequestOtpCommand(TypedPhone, null), CancellationToken.None);

        _sms.Verify(s => s.SendOtpAsync(It.IsAny<PhoneNumber>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.That(_sent[0].Phone, Is.EqualTo(Phone));
        Assert.That(_sent[0].Phone.National, Is.EqualTo("09123456789"));
        Assert.That(_sent[0].Code, Has.Length.EqualTo(codeLength));
        Assert.That(_sent[0].Code.All(char.IsAsciiDigit), Is.True);
    }

    [Test]
    public async Task Saves_the_providers_delivery_report_at_the_time_it_answered()
    {
        var answer = SmsSendResult.Sent("Kavenegar", "msg-42", 200);
        ProviderAnswers(answer, takes: TimeSpan.FromSeconds(3));

        await Handler().Handle(new RequestOtpCommand(TypedPhone, null), CancellationToken.None);

        _store.Verify(s => s.SaveDeliveryAsync(_storedToken!, answer.Report, It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.That(_savedReport, Is.EqualTo(answer.Report));
        Assert.That(_savedAt, Is.EqualTo(Start + TimeSpan.FromSeconds(3)));
    }

    [Test]
    public async Task Returns_the_phone_and_lifetime_without_the_code_by_default()
    {
        var result = await Handler().Handle(new RequestOtpCommand(TypedPhone, null), CancellationToken.None);

        Assert.That(result.Phone, Is.EqualTo(Phone));
        Assert.That(result.ExpiresIn, Is.EqualTo(_options.Lifetime));
        Assert.That(result.Code, Is.Null);
    }

    [Test]
    public async Task Returns_no_code_when_revealing_codes_is_switched_off()
    {
        _options.RevealCodes = false;

        var result = await Handler().Handle(new RequestOtpCommand(TypedPhone, null), CancellationToken.None);

        Assert.That(result.Code, Is.Null);
    }

    [Test]
    public async Task Returns_the_sent_code_when_codes_are_revealed()
    {
        _options.RevealCodes = true;

        var result = await Handler().Handle(new RequestOtpCommand(TypedPhone, null), CancellationToken.None);

        Assert.That(result.Code, Is.Not.Null);
        Assert.That(result.Code, Is.EqualTo(_sent[0].Code));
    }

    [Test]
    public async Task Unconfigured_sms_provider_is_refused_before_anything_is_stored_or_sent()
    {
        _sms.Reset();
        _sms.SetupGet(s => s.IsConfigured).Returns(false);
        _store.Reset(); // strict with no setups: any call fails the test

        await Assert.ThrowsAsync<SmsNotConfiguredException>(async () =>
            await Handler().Handle(new RequestOtpCommand(TypedPhone, null), CancellationToken.None));

        _store.VerifyNoOtherCalls();
        _sms.Verify(s => s.SendOtpAsync(It.IsAny<PhoneNumber>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Refused_admission_throws_rate_limited_with_the_window_and_the_wait_until_the_oldest_code_leaves_it()
    {
        _options.SendWindow = TimeSpan.FromMinutes(2);
        StoreRefuses(oldestInWindow: Start - TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<OtpRateLimitedException>(async () =>
            await Handler().Handle(new RequestOtpCommand(TypedPhone, null), CancellationToken.None));

        Assert.That(error.Window, Is.EqualTo(TimeSpan.FromMinutes(2)));
        Assert.That(error.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(90)));
    }

    [Test]
    public async Task Refused_admission_never_sends_an_sms_or_saves_a_delivery()
    {
        StoreRefuses(oldestInWindow: Start - TimeSpan.FromSeconds(30));

        await Assert.ThrowsAsync<OtpRateLimitedException>(async () =>
            await Handler().Handle(new RequestOtpCommand(TypedPhone, null), CancellationToken.None));

        _sms.Verify(s => s.SendOtpAsync(It.IsAny<PhoneNumber>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        _store.Verify(s => s.SaveDeliveryAsync(It.IsAny<OtpToken>(), It.IsAny<DeliveryReport>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Rate_limit_asks_for_at_least_one_second_when_the_oldest_code_has_just_left_the_window()
    {
        _options.SendWindow = TimeSpan.FromMinutes(2);
        StoreRefuses(oldestInWindow: Start - TimeSpan.FromMinutes(2));

        var error = await Assert.ThrowsAsync<OtpRateLimitedException>(async () =>
            await Handler().Handle(new RequestOtpCommand(TypedPhone, null), CancellationToken.None));

        Assert.That(error.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public async Task Provider_refusal_still_saves_the_delivery_report()
    {
        var answer = SmsSendResult.Failed("Kavenegar", SmsFailureKind.Rejected, "Invalid API key (403)", 403);
        ProviderAnswers(answer);

        await Assert.ThrowsAsync<SmsDeliveryFailedException>(async () =>
            await Handler().Handle(new RequestOtpCommand(TypedPhone, null), CancellationToken.None));

        _store.Verify(s => s.SaveDeliveryAsync(_storedToken!, answer.Report, It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.That(_savedReport, Is.EqualTo(answer.Report));
    }

    [Test]
    public async Task Provider_refusal_throws_delivery_failed_with_the_failure_kind_and_reason()
    {
        ProviderAnswers(SmsSendResult.Failed("Kavenegar", SmsFailureKind.Rejected, "Invalid API key (403)", 403));

        var error = await Assert.ThrowsAsync<SmsDeliveryFailedException>(async () =>
            await Handler().Handle(new RequestOtpCommand(TypedPhone, null), CancellationToken.None));

        Assert.That(error.Failure, Is.EqualTo(SmsFailureKind.Rejected));
        Assert.That(error.Reason, Is.EqualTo("Invalid API key (403)"));
        Assert.That(error.Message, Is.EqualTo("Failed to send OTP: Invalid API key (403)"));
    }

    [Test]
    public async Task Provider_timeout_is_reported_as_a_timeout()
    {
        ProviderAnswers(SmsSendResult.Failed("Kavenegar", SmsFailureKind.Timeout, "No answer within 10 s"));

        var error = await Assert.ThrowsAsync<SmsDeliveryFailedException>(async () =>
            await Handler().Handle(new RequestOtpCommand(TypedPhone, null), CancellationToken.None));

        Assert.That(error.Failure, Is.EqualTo(SmsFailureKind.Timeout));
        Assert.That(error.Reason, Is.EqualTo("No answer within 10 s"));
    }

    [Test]
    public async Task Store_gets_the_address_and_the_hourly_limits()
    {
        _options.MaxSendsPerIpPerHour = 40;
        _options.MaxSendsPerHour = 900;

        await Handler().Handle(new RequestOtpCommand(TypedPhone, "198.51.100.7"), CancellationToken.None);

        Assert.That(_limits, Is.EqualTo(new OtpLimits(3, Start - _options.SendWindow, "198.51.100.7", 40, 900, Start - TimeSpan.FromHours(1))));
    }

    [Test]
    public async Task Address_limit_is_refused_with_the_wait_until_its_oldest_code_is_an_hour_old()
    {
        StoreRefuses(Start - TimeSpan.FromMinutes(45), OtpRefusal.Address);

        var error = await Assert.ThrowsAsync<AddressRateLimitedException>(async () =>
            await Handler().Handle(new RequestOtpCommand(TypedPhone, "198.51.100.7"), CancellationToken.None));

        Assert.That(error.RetryAfter, Is.EqualTo(TimeSpan.FromMinutes(15)));
        Assert.That(_sent, Is.Empty);
    }

    [Test]
    public async Task Spent_budget_pauses_sending_and_sends_nothing()
    {
        StoreRefuses(Start - TimeSpan.FromMinutes(50), OtpRefusal.Budget);

        var error = await Assert.ThrowsAsync<SmsBudgetExhaustedException>(async () =>
            await Handler().Handle(new RequestOtpCommand(TypedPhone, null), CancellationToken.None));

        Assert.That(error.RetryAfter, Is.EqualTo(TimeSpan.FromMinutes(10)));
        Assert.That(_sent, Is.Empty);
    }

    private RequestOtpHandler Handler() => new(
        _store.Object,
        _sms.Object,
        _hasher.Object,
        Options.Create(_options),
        _clock,
        new OtpMetrics(new TestMeterFactory()),
        NullLogger<RequestOtpHandler>.Instance);

    private void ProviderAnswers(SmsSendResult answer, TimeSpan takes = default) =>
        _sms.Setup(s => s.SendOtpAsync(It.IsAny<PhoneNumber>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((PhoneNumber phone, string code, CancellationToken _) =>
            {
                _sent.Add((phone, code));
                _clock.Advance(takes);
            })
            .ReturnsAsync(answer);

    private void StoreRefuses(DateTimeOffset oldestInWindow, OtpRefusal refusal = OtpRefusal.Phone) =>
        _store.Setup(s => s.AddWithinLimitsAsync(It.IsAny<OtpToken>(), It.IsAny<OtpLimits>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(OtpAdmission.Refused(refusal, oldestInWindow));

    private static byte[] FakeHash(PhoneNumber phone, string code) => Encoding.UTF8.GetBytes($"{phone.E164}:{code}");
}
