using Moq;
using Pilito.Application.Common.Errors;
using Pilito.Application.Common.Ports;
using Pilito.Application.Common.Writes;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;
using static Pilito.Application.Tests.Otp.RequestOtpHarness;

namespace Pilito.Application.Tests.Otp;

/// <summary>The request flow: what is stored and sent, and how refusals are answered (the limits themselves: <see cref="RequestOtpLimitTests"/>).</summary>
public sealed class RequestOtpHandlerTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private RequestOtpHarness _h = null!;

    [SetUp]
    public void SetUp() => _h = new RequestOtpHarness(Start);

    [Test]
    public async Task Stores_a_pending_token_hashed_from_the_phone_and_the_sent_code()
    {
        await _h.RequestAsync("203.0.113.7");

        var stored = _h.Store.Tokens.Single();
        Assert.That(_h.Sent, Has.Count.EqualTo(1));
        Assert.That(_h.Sent[0].StoredStatus, Is.EqualTo(OtpStatus.Pending), "stored, and committed, before the SMS left");
        Assert.That(stored.Phone, Is.EqualTo(Phone));
        Assert.That(stored.CodeHash, Is.EqualTo(FakeHash(Phone, _h.Sent[0].Code)));
        Assert.That(stored.ClientIp, Is.EqualTo("203.0.113.7"));
    }

    [Test]
    public async Task Stored_token_expires_one_lifetime_after_now()
    {
        _h.Options.Lifetime = TimeSpan.FromSeconds(90);

        await _h.RequestAsync();

        var stored = _h.Store.Tokens.Single();
        Assert.That(stored.CreatedAt, Is.EqualTo(Start));
        Assert.That(stored.ExpiresAt, Is.EqualTo(Start + TimeSpan.FromSeconds(90)));
    }

    [Test]
    public async Task Phone_with_the_configured_number_of_codes_inside_the_configured_window_is_refused()
    {
        _h.Options.MaxSendsPerWindow = 7;
        _h.Options.SendWindow = TimeSpan.FromMinutes(10);
        for (var i = 0; i < 7; i++)
            _h.SeedSentCode(Start - TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1 + i));

        await Assert.ThrowsAsync<OtpRateLimitedException>(() => _h.RequestAsync());

        Assert.That(_h.Sent, Is.Empty);
    }

    [Test]
    public async Task Phone_whose_oldest_code_was_created_just_outside_the_configured_window_is_admitted()
    {
        _h.Options.MaxSendsPerWindow = 7;
        _h.Options.SendWindow = TimeSpan.FromMinutes(10);
        _h.SeedSentCode(Start - TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        for (var i = 0; i < 6; i++)
            _h.SeedSentCode(Start - TimeSpan.FromMinutes(9) + TimeSpan.FromSeconds(i));

        await _h.RequestAsync();

        Assert.That(_h.Sent, Has.Count.EqualTo(1));
    }

    [TestCase(4)]
    [TestCase(6)]
    [TestCase(10)]
    public async Task Sends_exactly_one_sms_to_the_normalized_phone_with_a_code_of_the_configured_length(int codeLength)
    {
        _h.Options.CodeLength = codeLength;

        await _h.RequestAsync();

        _h.Sms.Verify(s => s.SendOtpAsync(It.IsAny<PhoneNumber>(), It.IsAny<string>(), It.IsAny<OtpChannel>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.That(_h.Sent[0].Phone, Is.EqualTo(Phone));
        Assert.That(_h.Sent[0].Phone.National, Is.EqualTo("09123456789"));
        Assert.That(_h.Sent[0].Code, Has.Length.EqualTo(codeLength));
        Assert.That(_h.Sent[0].Code.All(char.IsAsciiDigit), Is.True);
    }

    [Test]
    public async Task Saves_the_providers_delivery_report_at_the_time_it_answered()
    {
        _h.ProviderAnswers(SmsSendResult.Sent("Kavenegar", "msg-42", 200), takes: TimeSpan.FromSeconds(3));

        await _h.RequestAsync();

        var stored = _h.Store.Tokens.Single();
        Assert.That(stored.Status, Is.EqualTo(OtpStatus.Sent));
        Assert.That(stored.DeliveryProvider, Is.EqualTo("Kavenegar"));
        Assert.That(stored.ProviderMessageId, Is.EqualTo("msg-42"));
        Assert.That(stored.ProviderStatusCode, Is.EqualTo(200));
        Assert.That(stored.ProviderError, Is.Null);
        Assert.That(stored.SentAt, Is.EqualTo(Start + TimeSpan.FromSeconds(3)));
    }

    [Test]
    public async Task Returns_the_phone_and_lifetime_without_the_code_by_default()
    {
        var result = await _h.RequestAsync();

        Assert.That(result.Phone, Is.EqualTo(Phone));
        Assert.That(result.ExpiresIn, Is.EqualTo(_h.Options.Lifetime));
        Assert.That(result.Code, Is.Null);
    }

    [Test]
    public async Task Returns_no_code_when_revealing_codes_is_switched_off()
    {
        _h.Options.RevealCodes = false;

        var result = await _h.RequestAsync();

        Assert.That(result.Code, Is.Null);
    }

    [Test]
    public async Task Returns_the_sent_code_when_codes_are_revealed()
    {
        _h.Options.RevealCodes = true;

        var result = await _h.RequestAsync();

        Assert.That(result.Code, Is.Not.Null);
        Assert.That(result.Code, Is.EqualTo(_h.Sent[0].Code));
    }

    [Test]
    public async Task Unconfigured_sms_provider_is_refused_before_anything_is_stored_or_sent()
    {
        _h.Sms.Reset();
        _h.Sms.SetupGet(s => s.IsConfigured).Returns(false);

        await Assert.ThrowsAsync<SmsNotConfiguredException>(() => _h.RequestAsync());

        Assert.That(_h.Store.Runs, Is.Empty);
        Assert.That(_h.Store.Tokens, Is.Empty);
        _h.Sms.Verify(s => s.SendOtpAsync(It.IsAny<PhoneNumber>(), It.IsAny<string>(), It.IsAny<OtpChannel>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Refused_admission_throws_rate_limited_with_the_window_and_the_wait_until_the_oldest_code_leaves_it()
    {
        _h.Options.SendWindow = TimeSpan.FromMinutes(2);
        SeedSentCodes(Start - TimeSpan.FromSeconds(30), Start - TimeSpan.FromSeconds(20), Start - TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<OtpRateLimitedException>(() => _h.RequestAsync());

        Assert.That(error.Window, Is.EqualTo(TimeSpan.FromMinutes(2)));
        Assert.That(error.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(90)));
    }

    [Test]
    public async Task Refused_admission_never_sends_an_sms_or_saves_a_delivery()
    {
        SeedSentCodes(Start - TimeSpan.FromSeconds(30), Start - TimeSpan.FromSeconds(20), Start - TimeSpan.FromSeconds(10));
        var versions = _h.Store.Tokens.Select(t => t.Version).ToList();

        await Assert.ThrowsAsync<OtpRateLimitedException>(() => _h.RequestAsync());

        _h.Sms.Verify(s => s.SendOtpAsync(It.IsAny<PhoneNumber>(), It.IsAny<string>(), It.IsAny<OtpChannel>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.That(_h.Store.Tokens.Select(t => t.Version), Is.EqualTo(versions), "no token changed");
        Assert.That(_h.Store.Tokens.Select(t => t.Status), Is.All.EqualTo(OtpStatus.Sent));
        Assert.That(_h.Store.Runs, Has.Count.EqualTo(1), "no second write for a delivery");
    }

    [Test]
    public async Task Code_created_exactly_one_window_ago_has_left_it_and_no_longer_counts()
    {
        // Was: "Retry-After is at least one second when the oldest code has just left the window". The window now
        // counts codes created after its start, so that code no longer refuses anything.
        _h.Options.SendWindow = TimeSpan.FromMinutes(2);
        _h.Options.ResendDelays = "00:00:00"; // the window alone: a fourth code of the day would otherwise wait a minute
        SeedSentCodes(Start - TimeSpan.FromMinutes(2), Start - TimeSpan.FromSeconds(20), Start - TimeSpan.FromSeconds(10));

        await _h.RequestAsync();

        Assert.That(_h.Sent, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task The_delivery_answer_is_a_follow_up_write_that_a_busy_writer_cannot_refuse()
    {
        await _h.RequestAsync();

        Assert.That(_h.Store.FollowUps, Is.EqualTo(1));
        Assert.That(_h.Store.Tokens.Single().Status, Is.EqualTo(OtpStatus.Sent));
    }

    [Test]
    public async Task Provider_refusal_still_saves_the_delivery_report()
    {
        var answer = SmsSendResult.Failed("Kavenegar", SmsFailureKind.Rejected, "Invalid API key (403)", 403);
        _h.ProviderAnswers(answer);

        await Assert.ThrowsAsync<SmsDeliveryFailedException>(() => _h.RequestAsync());

        var stored = _h.Store.Tokens.Single();
        Assert.That(stored.Status, Is.EqualTo(OtpStatus.SendFailed));
        Assert.That(stored.DeliveryProvider, Is.EqualTo("Kavenegar"));
        Assert.That(stored.ProviderStatusCode, Is.EqualTo(403));
        Assert.That(stored.ProviderError, Is.EqualTo("Invalid API key (403)"));
        Assert.That(stored.SentAt, Is.Null);
    }

    [Test]
    public async Task Provider_refusal_throws_delivery_failed_with_the_failure_kind_and_reason()
    {
        _h.ProviderAnswers(SmsSendResult.Failed("Kavenegar", SmsFailureKind.Rejected, "Invalid API key (403)", 403));

        var error = await Assert.ThrowsAsync<SmsDeliveryFailedException>(() => _h.RequestAsync());

        Assert.That(error.Failure, Is.EqualTo(SmsFailureKind.Rejected));
        Assert.That(error.Reason, Is.EqualTo("Invalid API key (403)"));
        Assert.That(error.Message, Is.EqualTo("Failed to send OTP: Invalid API key (403)"));
    }

    [Test]
    public async Task Provider_timeout_is_reported_as_a_timeout()
    {
        _h.ProviderAnswers(SmsSendResult.Failed("Kavenegar", SmsFailureKind.Timeout, "No answer within 10 s"));

        var error = await Assert.ThrowsAsync<SmsDeliveryFailedException>(() => _h.RequestAsync());

        Assert.That(error.Failure, Is.EqualTo(SmsFailureKind.Timeout));
        Assert.That(error.Reason, Is.EqualTo("No answer within 10 s"));
    }

    [Test]
    public async Task Configured_address_limit_refuses_the_address_at_it_and_not_below_it()
    {
        _h.Options.MaxSendsPerIpPerHour = 40;
        _h.Store.SeedCount(CountScope.Address(new ClientNetwork("198.51.100.7")), Start - TimeSpan.FromMinutes(30), 39);

        await _h.RequestAsync("198.51.100.7"); // the 40th
        await Assert.ThrowsAsync<AddressRateLimitedException>(() => _h.RequestAsync("198.51.100.7", "09351112233"));

        Assert.That(_h.Sent, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Configured_budget_refuses_the_service_at_it_and_not_below_it()
    {
        _h.Options.MaxSendsPerHour = 900;
        _h.Store.SeedCount(CountScope.Service, Start - TimeSpan.FromMinutes(30), 899);

        await _h.RequestAsync(); // the 900th
        await Assert.ThrowsAsync<SmsBudgetExhaustedException>(() => _h.RequestAsync(null, "09351112233"));

        Assert.That(_h.Sent, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Address_limit_is_refused_with_the_wait_until_its_oldest_code_is_an_hour_old()
    {
        _h.Store.SeedCount(CountScope.Address(new ClientNetwork("198.51.100.7")), Start - TimeSpan.FromMinutes(46), _h.Options.MaxSendsPerIpPerHour);

        var error = await Assert.ThrowsAsync<AddressRateLimitedException>(() => _h.RequestAsync("198.51.100.7"));

        // Counted whole minutes: the 09:14 minute has wholly left the hour at 10:15.
        Assert.That(error.RetryAfter, Is.EqualTo(TimeSpan.FromMinutes(15)));
        Assert.That(_h.Sent, Is.Empty);
    }

    [Test]
    public async Task Spent_budget_pauses_sending_and_sends_nothing()
    {
        _h.Store.SeedCount(CountScope.Service, Start - TimeSpan.FromMinutes(51), _h.Options.MaxSendsPerHour);

        var error = await Assert.ThrowsAsync<SmsBudgetExhaustedException>(() => _h.RequestAsync());

        Assert.That(error.RetryAfter, Is.EqualTo(TimeSpan.FromMinutes(10)));
        Assert.That(_h.Sent, Is.Empty);
    }

    private void SeedSentCodes(params DateTimeOffset[] createdAt)
    {
        foreach (var at in createdAt)
            _h.SeedSentCode(at);
    }
}
