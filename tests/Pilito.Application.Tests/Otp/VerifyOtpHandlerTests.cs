using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Pilito.Application.Auth.Sessions;
using Pilito.Application.Common.Errors;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Application.Common.Telemetry;
using Pilito.Application.Common.Writes;
using Pilito.Application.Otp.VerifyOtp;
using Pilito.Application.Tests.Support;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Application.Tests.Otp;

public sealed class VerifyOtpHandlerTests
{
    private const string TypedPhone = "09123456789";
    private const string Code = "123456";
    private static readonly PhoneNumber Phone = PhoneNumber.Parse(TypedPhone);
    private static readonly DateTimeOffset IssuedAt = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private static readonly DateTimeOffset Joined = IssuedAt.AddDays(-10);

    private FakeTimeProvider _clock = null!;
    private OtpOptions _options = null!;
    private InMemoryOtpStore _store = null!;
    private Mock<IOtpCodeHasher> _hasher = null!;
    private Mock<IAccessTokenIssuer> _accessTokens = null!;
    private Mock<ISecretTokenGenerator> _secrets = null!;

    private DateTimeOffset Now => _clock.GetUtcNow();

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(IssuedAt + TimeSpan.FromMinutes(1));
        _options = new OtpOptions { MaxVerifyAttempts = 5, MaxVerifyFailuresPerPhonePerHour = 20 };
        _store = new InMemoryOtpStore();

        _hasher = new Mock<IOtpCodeHasher>();
        _hasher.Setup(h => h.Hash(It.IsAny<PhoneNumber>(), It.IsAny<string>()))
            .Returns((PhoneNumber phone, string code) => FakeHash(phone, code));

        _accessTokens = new Mock<IAccessTokenIssuer>();
        _accessTokens.Setup(a => a.IssueAsync(It.IsAny<UserAccount>(), It.IsAny<Guid>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Returns((UserAccount _, Guid _, DateTimeOffset now, CancellationToken _) => ValueTask.FromResult(new AccessToken("access-token", now.AddMinutes(15))));
        _secrets = new Mock<ISecretTokenGenerator>();
        _secrets.Setup(s => s.Generate()).Returns("refresh-token");
        _secrets.Setup(s => s.Hash(It.IsAny<string>())).Returns((string token) => Encoding.UTF8.GetBytes(token));
    }

    [Test]
    public async Task Right_code_signs_the_user_in_once()
    {
        var account = _store.SeedAccount(Phone, Joined);
        _store.Seed(SentToken(Code));

        await VerifyAsync(Code);

        Assert.That(_store.Accounts, Has.Count.EqualTo(1));
        Assert.That(account.LastSignInAt, Is.EqualTo(Now));
        Assert.That(_store.RefreshTokens, Has.Count.EqualTo(1));
        Assert.That(_store.FailureCount(Phone), Is.Zero);
    }

    [Test]
    public async Task Right_code_marks_the_token_verified_inside_the_write()
    {
        var id = _store.Seed(SentToken(Code));

        await VerifyAsync(Code);

        Assert.That(_store.Token(id).Status, Is.EqualTo(OtpStatus.Verified));
        Assert.That(_store.Token(id).VerifiedAt, Is.EqualTo(Now));
        Assert.That(_store.Runs, Is.EqualTo(new PhoneNumber?[] { Phone }), "one write, claimed for the phone");
    }

    [Test]
    public async Task Right_code_returns_a_session_whose_refresh_token_is_stored_for_the_account_in_the_same_write()
    {
        var account = _store.SeedAccount(Phone, Joined);
        _store.Seed(SentToken(Code));

        var result = await VerifyAsync(Code);

        Assert.That(result.Session.User, Is.EqualTo(new UserAccount(account.Id, "+989123456789", Joined)));
        Assert.That(result.Session.Access, Is.EqualTo(new AccessToken("access-token", Now.AddMinutes(15))));
        Assert.That(result.Session.RefreshToken, Is.EqualTo("refresh-token"));
        Assert.That(_store.RefreshTokens, Has.Count.EqualTo(1));
        Assert.That(_store.RefreshTokens[0].UserId, Is.EqualTo(account.Id));
        Assert.That(_store.RefreshTokens[0].Matches(Encoding.UTF8.GetBytes("refresh-token")), Is.True, "the hash of the token the client got");
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Right_code_reports_whether_the_sign_in_created_the_user(bool isNewUser)
    {
        if (!isNewUser)
            _store.SeedAccount(Phone, Joined);
        _store.Seed(SentToken(Code));

        var result = await VerifyAsync(Code);

        Assert.That(result.IsNewUser, Is.EqualTo(isNewUser));
    }

    [Test]
    public async Task First_sign_in_creates_the_account_records_its_sign_in_and_stores_its_refresh_token()
    {
        _store.Seed(SentToken(Code));

        var result = await VerifyAsync(Code);

        var account = _store.Accounts.Single();
        Assert.That(result.IsNewUser, Is.True);
        Assert.That(account.Phone, Is.EqualTo(Phone));
        Assert.That(account.JoinedAt, Is.EqualTo(Now));
        Assert.That(account.LastSignInAt, Is.EqualTo(Now));
        Assert.That(result.Session.User.Id, Is.EqualTo(account.Id));
        Assert.That(_store.RefreshTokens.Single().UserId, Is.EqualTo(account.Id));
    }

    [Test]
    public async Task Second_sign_in_finds_the_account_the_first_created()
    {
        _store.Seed(SentToken(Code));
        var first = await VerifyAsync(Code);
        _clock.Advance(TimeSpan.FromMinutes(1));
        _store.Seed(SentToken("654321", Now));

        var second = await VerifyAsync("654321");

        Assert.That(second.IsNewUser, Is.False);
        Assert.That(second.Session.User.Id, Is.EqualTo(first.Session.User.Id));
        Assert.That(_store.Accounts, Has.Count.EqualTo(1));
        Assert.That(_store.Accounts[0].LastSignInAt, Is.EqualTo(Now));
        Assert.That(_store.RefreshTokens.Select(t => t.UserId), Is.All.EqualTo(first.Session.User.Id));
    }

    [Test]
    public async Task Right_code_for_a_locked_account_is_refused_and_stores_no_refresh_token()
    {
        var account = _store.SeedAccount(Phone, Joined, isLocked: true);
        _store.Seed(SentToken(Code));

        await Assert.ThrowsAsync<AccountLockedException>(() => VerifyAsync(Code));

        Assert.That(_store.RefreshTokens, Is.Empty);
        Assert.That(account.LastSignInAt, Is.Null, "a locked account's sign-in is not recorded");
    }

    [Test]
    public async Task Code_typed_in_persian_digits_verifies()
    {
        var account = _store.SeedAccount(Phone, Joined);
        _store.Seed(SentToken("123456"));

        var result = await VerifyAsync("۱۲۳۴۵۶");

        Assert.That(result.Session.User.Id, Is.EqualTo(account.Id));
        Assert.That(account.LastSignInAt, Is.EqualTo(Now));
    }

    [Test]
    public async Task Phone_without_a_token_is_refused_as_an_invalid_code_and_counted_as_a_failure()
    {
        await Assert.ThrowsAsync<InvalidOtpException>(() => VerifyAsync("000000"));

        Assert.That(_store.Count(CountScope.VerifyPhone(Phone.E164), Now), Is.EqualTo(1), "one failure, counted in the current minute");
        Assert.That(_store.FailureCount(Phone), Is.EqualTo(1));
        NoSignIn();
    }

    [Test]
    public async Task Wrong_code_is_refused_as_an_invalid_code_counts_the_attempt_and_records_a_failure()
    {
        var id = _store.Seed(SentToken(Code));

        await Assert.ThrowsAsync<InvalidOtpException>(() => VerifyAsync("654321"));

        Assert.That(_store.Token(id).FailedAttempts, Is.EqualTo(1));
        Assert.That(_store.Token(id).Status, Is.EqualTo(OtpStatus.Sent));
        Assert.That(_store.Count(CountScope.VerifyPhone(Phone.E164), Now), Is.EqualTo(1), "one failure, counted in the current minute");
        Assert.That(_store.FailureCount(Phone), Is.EqualTo(1));
        NoSignIn();
    }

    [Test]
    public async Task Wrong_code_that_reaches_the_limit_is_answered_as_invalid_and_locks_the_token()
    {
        _options.MaxVerifyAttempts = 3;
        var token = SentToken(Code);
        token.TryVerify(FakeHash(Phone, "000000"), VerifyAttempt.WithoutId, 3, Now);
        token.TryVerify(FakeHash(Phone, "000000"), VerifyAttempt.WithoutId, 3, Now);
        var id = _store.Seed(token);

        await Assert.ThrowsAsync<InvalidOtpException>(() => VerifyAsync("654321"));

        Assert.That(_store.Token(id).Status, Is.EqualTo(OtpStatus.Locked));
    }

    [Test]
    public async Task Fifth_wrong_code_locks_the_token_and_the_right_code_is_then_refused_as_locked()
    {
        var id = _store.Seed(SentToken(Code));
        for (var i = 0; i < 4; i++)
            await Assert.ThrowsAsync<InvalidOtpException>(() => VerifyAsync("654321"));
        Assert.That(_store.Token(id).Status, Is.EqualTo(OtpStatus.Sent), "four wrong codes do not lock");

        await Assert.ThrowsAsync<InvalidOtpException>(() => VerifyAsync("654321"));

        Assert.That(_store.Token(id).Status, Is.EqualTo(OtpStatus.Locked));
        Assert.That(_store.Token(id).FailedAttempts, Is.EqualTo(5));
        Assert.That(_store.FailureCount(Phone), Is.EqualTo(5));
        await Assert.ThrowsAsync<OtpLockedException>(() => VerifyAsync(Code));
        NoSignIn();
        Assert.That(_store.WebhookMessages.Select(m => m.EventType), Is.EqualTo(new[] { "otp.locked" }), "reported once, by the attempt that locked it");
    }

    [Test]
    public async Task A_first_sign_in_reports_the_new_account_and_the_verified_code_in_its_write()
    {
        _store.Seed(SentToken(Code));

        await VerifyAsync(Code);

        Assert.That(_store.WebhookMessages.Select(m => m.EventType), Is.EqualTo(new[] { "otp.verified", "user.created" }));
        var userId = _store.Accounts.Single().Id.ToString();
        Assert.That(_store.WebhookMessages.Select(m => m.Payload), Has.All.Contain(userId).And.All.Not.Contain("\"code\""));
    }

    [Test]
    public async Task A_wrong_code_reports_nothing()
    {
        _store.Seed(SentToken(Code));

        await Assert.ThrowsAsync<InvalidOtpException>(() => VerifyAsync("654321"));

        Assert.That(_store.WebhookMessages, Is.Empty);
    }

    [Test]
    public async Task Locked_token_is_refused_as_locked_even_with_the_right_code()
    {
        var token = SentToken(Code);
        for (var i = 0; i < _options.MaxVerifyAttempts; i++)
            token.TryVerify(FakeHash(Phone, "000000"), VerifyAttempt.WithoutId, _options.MaxVerifyAttempts, Now);
        Assert.That(token.Status, Is.EqualTo(OtpStatus.Locked)); // precondition
        _store.Seed(token);

        await Assert.ThrowsAsync<OtpLockedException>(() => VerifyAsync(Code));

        NoSignIn();
    }

    [Test]
    public async Task Expired_token_is_refused_as_an_invalid_code_and_marked_expired()
    {
        var id = _store.Seed(SentToken(Code));
        _clock.SetUtcNow(IssuedAt + Lifetime);

        await Assert.ThrowsAsync<InvalidOtpException>(() => VerifyAsync(Code));

        Assert.That(_store.Token(id).Status, Is.EqualTo(OtpStatus.Expired));
        NoSignIn();
    }

    [Test]
    public async Task Already_verified_token_is_refused_as_an_invalid_code()
    {
        _store.Seed(VerifiedToken(Code));

        await Assert.ThrowsAsync<InvalidOtpException>(() => VerifyAsync(Code));

        NoSignIn();
    }

    [Test]
    public async Task Only_the_newest_code_of_the_phone_is_checked()
    {
        _store.Seed(SentToken(Code));
        _store.Seed(SentToken("654321", IssuedAt + TimeSpan.FromSeconds(30)));

        await Assert.ThrowsAsync<InvalidOtpException>(() => VerifyAsync(Code));

        NoSignIn();
    }

    [TestCase("12ab56")]
    [TestCase("abcdef")]
    [TestCase("123")]
    [TestCase("12345678901")]
    public async Task Code_that_is_not_a_code_is_refused_without_touching_the_database(string code)
    {
        await Assert.ThrowsAsync<InvalidOtpException>(() => VerifyAsync(code));

        Assert.That(_store.Runs, Is.Empty);
    }

    [Test]
    public async Task Retried_write_settles_on_what_its_last_run_read()
    {
        // The first run's transaction is rolled back (a deadlock victim, say); meanwhile another request verified the code.
        var id = _store.Seed(SentToken(Code));
        _store.RetryNextRun(meanwhile: () =>
        {
            _store.Token(id).TryVerify(FakeHash(Phone, Code), VerifyAttempt.WithoutId, 5, Now);
            return Task.CompletedTask;
        });

        await Assert.ThrowsAsync<InvalidOtpException>(() => VerifyAsync(Code));

        Assert.That(_store.Runs, Has.Count.EqualTo(2));
        Assert.That(_store.FailureCount(Phone), Is.EqualTo(1), "the second run's failure only");
        NoSignIn();
    }

    [Test]
    public async Task Phone_at_the_hourly_failure_cap_is_refused_before_any_code_is_checked()
    {
        var id = _store.Seed(SentToken(Code));
        for (var i = 0; i < 20; i++)
            _store.SeedFailure(Phone, Now - TimeSpan.FromMinutes(59) + TimeSpan.FromSeconds(i));

        await Assert.ThrowsAsync<VerifyCapReachedException>(() => VerifyAsync(Code));

        Assert.That(_store.Token(id).Status, Is.EqualTo(OtpStatus.Sent));
        Assert.That(_store.Token(id).Version, Is.EqualTo(SentToken(Code).Version), "the code was not checked");
        Assert.That(_store.FailureCount(Phone), Is.EqualTo(20), "no failure added");
        NoSignIn();
    }

    [Test]
    public async Task Failure_cap_counts_the_last_hour_only()
    {
        var id = _store.Seed(SentToken(Code));
        _store.SeedFailure(Phone, Now - TimeSpan.FromMinutes(61)); // wholly before the hour: out
        for (var i = 0; i < 19; i++)
            _store.SeedFailure(Phone, Now - TimeSpan.FromMinutes(30));

        await VerifyAsync(Code);

        Assert.That(_store.Token(id).Status, Is.EqualTo(OtpStatus.Verified));
    }

    [Test]
    public async Task Failure_cap_counts_the_phones_failures_only()
    {
        _store.Seed(SentToken(Code));
        for (var i = 0; i < 20; i++)
            _store.SeedFailure(PhoneNumber.Parse("09351112233"), Now - TimeSpan.FromMinutes(30));

        var result = await VerifyAsync(Code);

        Assert.That(result.IsNewUser, Is.True);
    }

    [Test]
    public async Task With_its_verification_id_the_right_code_signs_in_though_the_phone_is_capped_and_the_code_superseded()
    {
        for (var i = 0; i < 20; i++)
            _store.SeedFailure(Phone, Now - TimeSpan.FromMinutes(10));
        var id = _store.Seed(SentToken(Code, verificationId: "handle-1"));
        _store.Token(id).Supersede();

        var result = await VerifyWithIdAsync(Code, "handle-1");

        Assert.That(result.IsNewUser, Is.True);
        Assert.That(_store.Token(id).Status, Is.EqualTo(OtpStatus.Verified));
    }

    [Test]
    public async Task A_wrong_code_with_the_id_counts_against_the_code_and_the_network_but_not_the_phone()
    {
        var id = _store.Seed(SentToken(Code, verificationId: "handle-1"));

        await Assert.ThrowsAsync<InvalidOtpException>(() => VerifyWithIdAsync("000000", "handle-1"));

        Assert.That(_store.Token(id).FailedAttempts, Is.EqualTo(1));
        Assert.That(_store.Token(id).FailedAttemptsWithoutId, Is.Zero);
        Assert.That(_store.FailureCount(Phone), Is.Zero);
        Assert.That(_store.TotalCount(CountScope.VerifyAddress(ClientNetwork.Unknown)), Is.EqualTo(1));
    }

    [Test]
    public async Task An_unknown_id_checks_no_code_and_counts_only_against_the_network()
    {
        var id = _store.Seed(SentToken(Code, verificationId: "handle-1"));

        await Assert.ThrowsAsync<InvalidOtpException>(() => VerifyWithIdAsync(Code, "handle-2"));

        Assert.That(_store.Token(id).Status, Is.EqualTo(OtpStatus.Sent), "the right code with a wrong id verifies nothing");
        Assert.That(_store.Token(id).FailedAttempts, Is.Zero);
        Assert.That(_store.TotalCount(CountScope.VerifyAddress(ClientNetwork.Unknown)), Is.EqualTo(1));
        NoSignIn();
    }

    [Test]
    public async Task A_network_at_its_failure_cap_is_refused_before_any_code_is_looked_at()
    {
        _options.MaxVerifyFailuresPerIpPerHour = 3;
        _store.SeedCount(CountScope.VerifyAddress(ClientNetwork.Unknown), Now - TimeSpan.FromMinutes(5), 3);
        var id = _store.Seed(SentToken(Code));

        var refused = await Assert.ThrowsAsync<AddressRateLimitedException>(() => VerifyAsync(Code));

        Assert.That(refused!.RetryAfter, Is.GreaterThan(TimeSpan.FromMinutes(50)));
        Assert.That(_store.Token(id).Status, Is.EqualTo(OtpStatus.Sent));
        NoSignIn();
    }

    [Test]
    public async Task The_phones_daily_cap_holds_when_its_hourly_cap_has_freed_up()
    {
        _options.MaxVerifyFailuresPerPhonePerDay = 5;
        for (var i = 0; i < 5; i++)
            _store.SeedFailure(Phone, Now - TimeSpan.FromHours(3));
        _store.Seed(SentToken(Code));

        var refused = await Assert.ThrowsAsync<VerifyCapReachedException>(() => VerifyAsync(Code));

        Assert.That(refused!.RetryAfter, Is.InRange(TimeSpan.FromHours(21), TimeSpan.FromHours(21) + TimeSpan.FromMinutes(1)));
    }

    private Task<VerifyOtpResult> VerifyWithIdAsync(string code, string verificationId) =>
        Handler().Handle(new VerifyOtpCommand(TypedPhone, code, verificationId), CancellationToken.None).AsTask();

    private Task<VerifyOtpResult> VerifyAsync(string code) =>
        Handler().Handle(new VerifyOtpCommand(TypedPhone, code), CancellationToken.None).AsTask();

    private VerifyOtpHandler Handler() => new(
        _store,
        _hasher.Object,
        new SessionIssuer(_accessTokens.Object, _secrets.Object, Options.Create(new AuthOptions())),
        WebhookEndpoints.All(),
        Options.Create(_options),
        _clock,
        new OtpMetrics(new TestMeterFactory()),
        NullLogger<VerifyOtpHandler>.Instance);

    private void NoSignIn()
    {
        Assert.That(_store.Accounts, Is.Empty);
        Assert.That(_store.RefreshTokens, Is.Empty);
    }

    private static OtpToken SentToken(string code, DateTimeOffset? issuedAt = null, string? verificationId = null)
    {
        var at = issuedAt ?? IssuedAt;
        var token = OtpToken.Issue(Phone, FakeHash(Phone, code), at, Lifetime, "203.0.113.7", verificationId);
        token.RecordDelivery(new DeliveryReport("Kavenegar", true, "msg-42", 200, null), at);
        return token;
    }

    private static OtpToken VerifiedToken(string code)
    {
        var token = SentToken(code);
        token.TryVerify(FakeHash(Phone, code), VerifyAttempt.WithoutId, 5, IssuedAt + TimeSpan.FromSeconds(30));
        return token;
    }

    private static byte[] FakeHash(PhoneNumber phone, string code) => Encoding.UTF8.GetBytes($"{phone.E164}:{code}");
}
