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
using Pilito.Application.Tests.Support;
using Pilito.Application.Otp.VerifyOtp;
using Pilito.Domain.Accounts;
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
    private static readonly UserAccount User = new(Guid.NewGuid(), "+989123456789", IssuedAt.AddDays(-10));

    private FakeTimeProvider _clock = null!;
    private OtpOptions _options = null!;
    private Mock<IVerificationRound> _round = null!;
    private Mock<IOtpCodeHasher> _hasher = null!;
    private Mock<IAccessTokenIssuer> _accessTokens = null!;
    private Mock<ISecretTokenGenerator> _secrets = null!;
    private List<RefreshToken> _refreshTokensAdded = null!;
    private int _failuresInLastHour;
    private int _runs;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(IssuedAt + TimeSpan.FromMinutes(1));
        _options = new OtpOptions { MaxVerifyAttempts = 5 };
        _failuresInLastHour = 0;
        _runs = 0;
        _refreshTokensAdded = [];

        _round = new Mock<IVerificationRound>(MockBehavior.Strict);
        _round.Setup(r => r.CountFailuresSinceAsync(It.IsAny<PhoneNumber>(), It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => _failuresInLastHour);
        _round.Setup(r => r.RecordFailure(It.IsAny<PhoneNumber>(), It.IsAny<DateTimeOffset>()));
        _round.Setup(r => r.SignInAsync(It.IsAny<PhoneNumber>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new UserSignIn(User, IsNewUser: true));
        _round.Setup(r => r.AddRefreshToken(It.IsAny<RefreshToken>())).Callback((RefreshToken t) => _refreshTokensAdded.Add(t));

        _hasher = new Mock<IOtpCodeHasher>();
        _hasher.Setup(h => h.Hash(It.IsAny<PhoneNumber>(), It.IsAny<string>()))
            .Returns((PhoneNumber phone, string code) => FakeHash(phone, code));

        _accessTokens = new Mock<IAccessTokenIssuer>();
        _accessTokens.Setup(a => a.Issue(It.IsAny<UserAccount>(), It.IsAny<DateTimeOffset>()))
            .Returns((UserAccount _, DateTimeOffset now) => new AccessToken("access-token", now.AddMinutes(15)));
        _secrets = new Mock<ISecretTokenGenerator>();
        _secrets.Setup(s => s.Generate()).Returns("refresh-token");
        _secrets.Setup(s => s.Hash(It.IsAny<string>())).Returns((string token) => Encoding.UTF8.GetBytes(token));
    }

    [Test]
    public async Task Right_code_signs_the_user_in_once()
    {
        NewestTokenIs(SentToken(Code));

        await Handler().Handle(new VerifyOtpCommand(TypedPhone, Code), CancellationToken.None);

        _round.Verify(r => r.SignInAsync(Phone, _clock.GetUtcNow(), It.IsAny<CancellationToken>()), Times.Once);
        _round.Verify(r => r.RecordFailure(It.IsAny<PhoneNumber>(), It.IsAny<DateTimeOffset>()), Times.Never);
    }

    [Test]
    public async Task Right_code_marks_the_token_verified_inside_the_round()
    {
        var token = SentToken(Code);
        NewestTokenIs(token);

        await Handler().Handle(new VerifyOtpCommand(TypedPhone, Code), CancellationToken.None);

        Assert.That(token.Status, Is.EqualTo(OtpStatus.Verified));
        Assert.That(token.VerifiedAt, Is.EqualTo(_clock.GetUtcNow()));
        Assert.That(_runs, Is.EqualTo(1));
    }

    [Test]
    public async Task Right_code_returns_a_session_whose_refresh_token_is_stored_in_the_same_round()
    {
        NewestTokenIs(SentToken(Code));

        var result = await Handler().Handle(new VerifyOtpCommand(TypedPhone, Code), CancellationToken.None);

        Assert.That(result.Session.User, Is.EqualTo(User));
        Assert.That(result.Session.Access, Is.EqualTo(new AccessToken("access-token", _clock.GetUtcNow().AddMinutes(15))));
        Assert.That(result.Session.RefreshToken, Is.EqualTo("refresh-token"));
        Assert.That(_refreshTokensAdded, Has.Count.EqualTo(1));
        Assert.That(_refreshTokensAdded[0].UserId, Is.EqualTo(User.Id));
        Assert.That(_refreshTokensAdded[0].Matches(Encoding.UTF8.GetBytes("refresh-token")), Is.True, "the hash of the token the client got");
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Right_code_reports_whether_the_sign_in_created_the_user(bool isNewUser)
    {
        NewestTokenIs(SentToken(Code));
        _round.Setup(r => r.SignInAsync(It.IsAny<PhoneNumber>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new UserSignIn(User, isNewUser));

        var result = await Handler().Handle(new VerifyOtpCommand(TypedPhone, Code), CancellationToken.None);

        Assert.That(result.IsNewUser, Is.EqualTo(isNewUser));
    }

    [Test]
    public async Task Right_code_for_a_locked_account_is_refused_and_stores_no_refresh_token()
    {
        NewestTokenIs(SentToken(Code));
        _round.Setup(r => r.SignInAsync(It.IsAny<PhoneNumber>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new UserSignIn(User with { IsLocked = true }, IsNewUser: false));

        await Assert.ThrowsAsync<AccountLockedException>(async () =>
            await Handler().Handle(new VerifyOtpCommand(TypedPhone, Code), CancellationToken.None));

        Assert.That(_refreshTokensAdded, Is.Empty);
    }

    [Test]
    public async Task Code_typed_in_persian_digits_verifies()
    {
        NewestTokenIs(SentToken("123456"));

        var result = await Handler().Handle(new VerifyOtpCommand(TypedPhone, "۱۲۳۴۵۶"), CancellationToken.None);

        Assert.That(result.Session.User, Is.EqualTo(User));
        _round.Verify(r => r.SignInAsync(Phone, It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Phone_without_a_token_is_refused_as_an_invalid_code_and_counted_as_a_failure()
    {
        _round.Setup(r => r.FindNewestTokenAsync(Phone, It.IsAny<CancellationToken>())).ReturnsAsync((OtpToken?)null);

        await Assert.ThrowsAsync<InvalidOtpException>(async () =>
            await Handler().Handle(new VerifyOtpCommand(TypedPhone, "000000"), CancellationToken.None));

        _round.Verify(r => r.RecordFailure(Phone, _clock.GetUtcNow()), Times.Once);
        NoSignIn();
    }

    [Test]
    public async Task Wrong_code_is_refused_as_an_invalid_code_counts_the_attempt_and_records_a_failure()
    {
        var token = SentToken(Code);
        NewestTokenIs(token);

        await Assert.ThrowsAsync<InvalidOtpException>(async () =>
            await Handler().Handle(new VerifyOtpCommand(TypedPhone, "654321"), CancellationToken.None));

        Assert.That(token.FailedAttempts, Is.EqualTo(1));
        _round.Verify(r => r.RecordFailure(Phone, _clock.GetUtcNow()), Times.Once);
        NoSignIn();
    }

    [Test]
    public async Task Wrong_code_that_reaches_the_limit_is_answered_as_invalid_and_locks_the_token()
    {
        _options.MaxVerifyAttempts = 3;
        var token = SentToken(Code);
        token.TryVerify(FakeHash(Phone, "000000"), 3, _clock.GetUtcNow());
        token.TryVerify(FakeHash(Phone, "000000"), 3, _clock.GetUtcNow());
        NewestTokenIs(token);

        await Assert.ThrowsAsync<InvalidOtpException>(async () =>
            await Handler().Handle(new VerifyOtpCommand(TypedPhone, "654321"), CancellationToken.None));

        Assert.That(token.Status, Is.EqualTo(OtpStatus.Locked));
    }

    [Test]
    public async Task Locked_token_is_refused_as_locked_even_with_the_right_code()
    {
        var token = SentToken(Code);
        for (var i = 0; i < _options.MaxVerifyAttempts; i++)
            token.TryVerify(FakeHash(Phone, "000000"), _options.MaxVerifyAttempts, _clock.GetUtcNow());
        Assert.That(token.Status, Is.EqualTo(OtpStatus.Locked)); // precondition
        NewestTokenIs(token);

        await Assert.ThrowsAsync<OtpLockedException>(async () =>
            await Handler().Handle(new VerifyOtpCommand(TypedPhone, Code), CancellationToken.None));

        NoSignIn();
    }

    [Test]
    public async Task Expired_token_is_refused_as_an_invalid_code_and_marked_expired()
    {
        var token = SentToken(Code);
        NewestTokenIs(token);
        _clock.SetUtcNow(IssuedAt + Lifetime);

        await Assert.ThrowsAsync<InvalidOtpException>(async () =>
            await Handler().Handle(new VerifyOtpCommand(TypedPhone, Code), CancellationToken.None));

        Assert.That(token.Status, Is.EqualTo(OtpStatus.Expired));
        NoSignIn();
    }

    [Test]
    public async Task Already_verified_token_is_refused_as_an_invalid_code()
    {
        NewestTokenIs(VerifiedToken(Code));

        await Assert.ThrowsAsync<InvalidOtpException>(async () =>
            await Handler().Handle(new VerifyOtpCommand(TypedPhone, Code), CancellationToken.None));

        NoSignIn();
    }

    [TestCase("12ab56")]
    [TestCase("abcdef")]
    [TestCase("123")]
    [TestCase("12345678901")]
    public async Task Code_that_is_not_a_code_is_refused_without_touching_the_database(string code)
    {
        await Assert.ThrowsAsync<InvalidOtpException>(async () =>
            await Handler().Handle(new VerifyOtpCommand(TypedPhone, code), CancellationToken.None));

        Assert.That(_runs, Is.Zero);
    }

    [Test]
    public async Task Retried_round_settles_on_what_its_last_run_read()
    {
        // The first run's transaction is rolled back (a deadlock victim, say); meanwhile another request verified the code.
        _round.SetupSequence(r => r.FindNewestTokenAsync(Phone, It.IsAny<CancellationToken>()))
            .ReturnsAsync(SentToken(Code))
            .ReturnsAsync(VerifiedToken(Code));

        await Assert.ThrowsAsync<InvalidOtpException>(async () =>
            await Handler(runsPerRound: 2).Handle(new VerifyOtpCommand(TypedPhone, Code), CancellationToken.None));

        Assert.That(_runs, Is.EqualTo(2));
    }

    [Test]
    public async Task Phone_at_the_hourly_failure_cap_is_refused_before_any_code_is_checked()
    {
        _failuresInLastHour = 20;

        await Assert.ThrowsAsync<VerifyCapReachedException>(async () =>
            await Handler().Handle(new VerifyOtpCommand(TypedPhone, Code), CancellationToken.None));

        _round.Verify(r => r.CountFailuresSinceAsync(Phone, _clock.GetUtcNow() - TimeSpan.FromHours(1), 20, It.IsAny<CancellationToken>()), Times.Once);
        _round.Verify(r => r.FindNewestTokenAsync(It.IsAny<PhoneNumber>(), It.IsAny<CancellationToken>()), Times.Never);
        _round.Verify(r => r.RecordFailure(It.IsAny<PhoneNumber>(), It.IsAny<DateTimeOffset>()), Times.Never);
        NoSignIn();
    }

    private VerifyOtpHandler Handler(int runsPerRound = 1) => new(
        new RoundRunner(this, runsPerRound),
        _hasher.Object,
        new SessionIssuer(_accessTokens.Object, _secrets.Object, Options.Create(new AuthOptions())),
        Options.Create(_options),
        _clock,
        new OtpMetrics(new TestMeterFactory()),
        NullLogger<VerifyOtpHandler>.Instance);

    private void NoSignIn()
    {
        _round.Verify(r => r.SignInAsync(It.IsAny<PhoneNumber>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.That(_refreshTokensAdded, Is.Empty);
    }

    private void NewestTokenIs(OtpToken token) =>
        _round.Setup(r => r.FindNewestTokenAsync(Phone, It.IsAny<CancellationToken>())).ReturnsAsync(token);

    private static OtpToken SentToken(string code)
    {
        var token = OtpToken.Issue(Phone, FakeHash(Phone, code), IssuedAt, Lifetime, "203.0.113.7");
        token.RecordDelivery(new DeliveryReport("Kavenegar", true, "msg-42", 200, null), IssuedAt);
        return token;
    }

    private static OtpToken VerifiedToken(string code)
    {
        var token = SentToken(code);
        token.TryVerify(FakeHash(Phone, code), 5, IssuedAt + TimeSpan.FromSeconds(30));
        return token;
    }

    private static byte[] FakeHash(PhoneNumber phone, string code) => Encoding.UTF8.GetBytes($"{phone.E164}:{code}");

    /// <summary>Runs the handler's work as the writer would; a retried round runs it again from the start and keeps the last result.</summary>
    private sealed class RoundRunner(VerifyOtpHandlerTests test, int runs) : IVerificationRounds
    {
        public async Task<TResult> RunAsync<TResult>(PhoneNumber phone, Func<IVerificationRound, CancellationToken, Task<TResult>> work)
        {
            Assert.That(phone, Is.EqualTo(Phone), "the round is claimed for the verified phone");
            var result = default(TResult);
            for (var i = 0; i < runs; i++)
            {
                test._runs++;
                result = await work(test._round.Object, CancellationToken.None);
            }

            return result!;
        }
    }
}
