using Moq;
using Pilito.Application.Common.Errors;
using Pilito.Application.Common.Ports;
using Pilito.Application.Common.Writes;
using Pilito.Application.Otp.RequestOtp;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;
using static Pilito.Application.Tests.Otp.RequestOtpHarness;

namespace Pilito.Application.Tests.Otp;

/// <summary>
/// The limits a new code must pass, in order: the service's hourly budget, the client address's hourly limit, the
/// phone's window. The hourly ones count whole minutes; the clock stands 20 s into a minute so that shows.
/// </summary>
public sealed class RequestOtpLimitTests
{
    private const string Address = "203.0.113.7";
    private const string OtherAddress = "198.51.100.9";
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 10, 0, 20, TimeSpan.Zero);
    private static readonly DateTimeOffset HourStartMinute = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero); // the hour starts at 09:00:20

    private RequestOtpHarness _h = null!;

    [SetUp]
    public void SetUp()
    {
        _h = new RequestOtpHarness(Now);
        _h.Options.MaxSendsPerHour = 5;
        _h.Options.MaxSendsPerIpPerHour = 4;
        _h.Options.MaxSendsPerWindow = 3;
        _h.Options.SendWindow = TimeSpan.FromMinutes(2);
    }

    [Test]
    public async Task Spent_budget_is_the_refusal_even_when_the_address_and_the_phone_are_over_their_limits_too()
    {
        SpendBudget();
        FillAddress(Address);
        FillPhoneWindow();

        await Assert.ThrowsAsync<SmsBudgetExhaustedException>(() => _h.RequestAsync(Address));
    }

    [Test]
    public async Task A_prefix_that_spent_its_share_of_the_budget_is_paused_while_other_prefixes_are_served()
    {
        _h.Options.MaxPrefixShareOfBudget = 0.6; // 3 of the 5 codes an hour
        _h.Store.SeedCount(CountScope.Prefix("912"), Now - TimeSpan.FromMinutes(10), 3);

        await Assert.ThrowsAsync<SmsBudgetExhaustedException>(() => _h.RequestAsync(Address, "09121234567"));
        await _h.RequestAsync(Address, "09351234567");

        Assert.That(_h.Store.TotalCount(CountScope.Prefix("935")), Is.EqualTo(1));
        Assert.That(_h.Store.TotalCount(CountScope.Prefix("912")), Is.EqualTo(3), "the refused request counted nothing");
    }

    [Test]
    public async Task Address_limit_is_the_refusal_even_when_the_phone_is_over_its_limit_too()
    {
        FillAddress(Address);
        FillPhoneWindow();

        await Assert.ThrowsAsync<AddressRateLimitedException>(() => _h.RequestAsync(Address));
    }

    [Test]
    public async Task Address_at_its_hourly_limit_is_refused_while_another_address_is_admitted()
    {
        FillAddress(Address);

        await Assert.ThrowsAsync<AddressRateLimitedException>(() => _h.RequestAsync(Address));
        await _h.RequestAsync(OtherAddress);

        Assert.That(_h.Sent, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Request_without_a_client_address_has_no_address_limit()
    {
        _h.Options.MaxSendsPerIpPerHour = 1;
        _h.Store.SeedCount(CountScope.Address(new ClientNetwork(Address)), Now - TimeSpan.FromMinutes(5), 1);

        await _h.RequestAsync(clientIp: null);

        Assert.That(_h.Sent, Has.Count.EqualTo(1));
        Assert.That(_h.Store.TotalCount(CountScope.Address(new ClientNetwork(Address))), Is.EqualTo(1));
    }

    [Test]
    public async Task Send_in_the_minute_the_hour_starts_in_still_counts_and_the_wait_runs_until_that_minute_has_left_the_hour()
    {
        _h.Store.SeedCount(CountScope.Service, HourStartMinute, _h.Options.MaxSendsPerHour);

        var error = await Assert.ThrowsAsync<SmsBudgetExhaustedException>(() => _h.RequestAsync());

        // 09:00 + 1 min + 1 h − 10:00:20
        Assert.That(error.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(40)));
    }

    [Test]
    public async Task Send_in_the_minute_before_the_hour_started_does_not_count()
    {
        _h.Store.SeedCount(CountScope.Service, HourStartMinute - TimeSpan.FromMinutes(1), _h.Options.MaxSendsPerHour);

        await _h.RequestAsync();

        Assert.That(_h.Sent, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Address_wait_runs_until_its_oldest_counted_minute_has_left_the_hour()
    {
        _h.Options.MaxSendsPerIpPerHour = 2;
        _h.Store.SeedCount(CountScope.Address(new ClientNetwork(Address)), HourStartMinute - TimeSpan.FromMinutes(1), 5); // before the hour
        _h.Store.SeedCount(CountScope.Address(new ClientNetwork(Address)), new DateTimeOffset(2025, 3, 1, 9, 10, 45, TimeSpan.Zero), 1);
        _h.Store.SeedCount(CountScope.Address(new ClientNetwork(Address)), new DateTimeOffset(2025, 3, 1, 9, 30, 0, TimeSpan.Zero), 1);

        var error = await Assert.ThrowsAsync<AddressRateLimitedException>(() => _h.RequestAsync(Address));

        // 09:10 + 1 min + 1 h − 10:00:20
        Assert.That(error.RetryAfter, Is.EqualTo(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(40)));
    }

    [Test]
    public async Task Phone_wait_runs_until_its_oldest_code_in_the_window_is_one_window_old()
    {
        FillPhoneWindow(oldest: Now - TimeSpan.FromSeconds(90));

        var error = await Assert.ThrowsAsync<OtpRateLimitedException>(() => _h.RequestAsync());

        // Not whole minutes: 10:00:20 − 90 s + 2 min − 10:00:20
        Assert.That(error.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(30)));
    }

    [TestCase(OtpRefusal.Budget)]
    [TestCase(OtpRefusal.Address)]
    [TestCase(OtpRefusal.Phone)]
    public async Task Refused_request_stores_nothing_sends_no_sms_and_adds_no_send_count(OtpRefusal refusal)
    {
        switch (refusal)
        {
            case OtpRefusal.Budget: SpendBudget(); break;
            case OtpRefusal.Address: FillAddress(Address); break;
            default: FillPhoneWindow(); break;
        }

        var tokensBefore = _h.Store.Tokens.Select(t => (t.Id, t.Version)).ToList();
        var serviceBefore = _h.Store.TotalCount(CountScope.Service);
        var addressBefore = _h.Store.TotalCount(CountScope.Address(new ClientNetwork(Address)));

        Assert.That(await RefusalOfAsync(() => _h.RequestAsync(Address)), Is.EqualTo(refusal));

        _h.Sms.Verify(s => s.SendOtpAsync(It.IsAny<PhoneNumber>(), It.IsAny<string>(), It.IsAny<OtpChannel>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.That(_h.Store.Tokens.Select(t => (t.Id, t.Version)), Is.EqualTo(tokensBefore));
        Assert.That(_h.Store.TotalCount(CountScope.Service), Is.EqualTo(serviceBefore));
        Assert.That(_h.Store.TotalCount(CountScope.Address(new ClientNetwork(Address))), Is.EqualTo(addressBefore));
    }

    [Test]
    public async Task Admitted_request_adds_one_send_to_the_service_and_to_its_address_and_none_to_another_address()
    {
        _h.Store.SeedCount(CountScope.Service, Now - TimeSpan.FromMinutes(10), 2);
        _h.Store.SeedCount(CountScope.Address(new ClientNetwork(OtherAddress)), Now - TimeSpan.FromMinutes(10), 2);

        await _h.RequestAsync(Address);

        Assert.That(_h.Store.Count(CountScope.Service, Now), Is.EqualTo(1));
        Assert.That(_h.Store.TotalCount(CountScope.Service), Is.EqualTo(3));
        Assert.That(_h.Store.Count(CountScope.Address(new ClientNetwork(Address)), Now), Is.EqualTo(1));
        Assert.That(_h.Store.TotalCount(CountScope.Address(new ClientNetwork(Address))), Is.EqualTo(1));
        Assert.That(_h.Store.TotalCount(CountScope.Address(new ClientNetwork(OtherAddress))), Is.EqualTo(2));
    }

    [Test]
    public async Task Admitted_request_supersedes_the_phones_pending_and_sent_codes_but_not_its_settled_ones_or_another_phones()
    {
        var earlier = Now - TimeSpan.FromMinutes(3); // outside the phone's window, still within the lifetime
        var pending = _h.Store.Seed(OtpToken.Issue(Phone, FakeHash(Phone, "222222"), earlier, _h.Options.Lifetime, null));
        var sent = _h.SeedSentCode(earlier);
        var verified = _h.SeedSentCode(earlier);
        _h.Store.Token(verified).TryVerify(FakeHash(Phone, "111111"), VerifyAttempt.WithoutId, 5, earlier);
        var otherPhones = _h.SeedSentCode(earlier, OtherPhone);

        await _h.RequestAsync();

        Assert.That(_h.Store.Token(pending).Status, Is.EqualTo(OtpStatus.Superseded));
        Assert.That(_h.Store.Token(sent).Status, Is.EqualTo(OtpStatus.Superseded));
        Assert.That(_h.Store.Token(verified).Status, Is.EqualTo(OtpStatus.Verified));
        Assert.That(_h.Store.Token(otherPhones).Status, Is.EqualTo(OtpStatus.Sent));
        Assert.That(_h.Store.Tokens[^1].Status, Is.EqualTo(OtpStatus.Sent), "the new code");
    }

    [Test]
    public async Task Delivery_answer_for_a_code_superseded_while_its_sms_was_in_flight_leaves_it_superseded()
    {
        _h.ProviderAnswers(SmsSendResult.Sent("Kavenegar", "msg-42", 200), meanwhile: () => _h.RequestAsync());

        await _h.RequestAsync();

        Assert.That(_h.Store.Tokens, Has.Count.EqualTo(2));
        var first = _h.Store.Tokens[0];
        Assert.That(first.Status, Is.EqualTo(OtpStatus.Superseded));
        Assert.That(first.ProviderMessageId, Is.EqualTo("msg-42"), "the answer is still recorded");
        Assert.That(_h.Store.Tokens[1].Status, Is.EqualTo(OtpStatus.Sent));
    }

    private void SpendBudget() => _h.Store.SeedCount(CountScope.Service, Now - TimeSpan.FromMinutes(30), _h.Options.MaxSendsPerHour);

    private void FillAddress(string address) =>
        _h.Store.SeedCount(CountScope.Address(new ClientNetwork(address)), Now - TimeSpan.FromMinutes(30), _h.Options.MaxSendsPerIpPerHour);

    private void FillPhoneWindow(DateTimeOffset? oldest = null)
    {
        var first = oldest ?? Now - TimeSpan.FromSeconds(60);
        for (var i = 0; i < _h.Options.MaxSendsPerWindow; i++)
            _h.SeedSentCode(first + TimeSpan.FromSeconds(10 * i));
    }

    private static async Task<OtpRefusal> RefusalOfAsync(Func<Task> request)
    {
        try
        {
            await request();
            return OtpRefusal.None;
        }
        catch (SmsBudgetExhaustedException)
        {
            return OtpRefusal.Budget;
        }
        catch (AddressRateLimitedException)
        {
            return OtpRefusal.Address;
        }
        catch (OtpRateLimitedException)
        {
            return OtpRefusal.Phone;
        }
    }
}
