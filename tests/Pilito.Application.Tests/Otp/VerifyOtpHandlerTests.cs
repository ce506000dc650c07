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
    private Mock<IOtpTokenStore> _store = null!;
    private Mock<IOtpCodeHasher> _hasher = null!;
    private Mock<IUserAccounts> _users = null!;
    private Mock<IAccessTokenIssuer> _accessTokens = null!;
    private Mock<IRefreshTokenStore> _refreshTokens = null!;
    private Mock<ISecretTokenGenerator> _secrets = null!;
    private Mock<IVerifyFailureLog> _failures = null!;
    private int _failuresInLastHour;

    [SetUp]
    public void CreateFailureLog()
    {
        _failuresInLastHour = 0;
        _failures = new Mock<IVerifyFailureLog>();
        _failures.Setup(f => f.CountSinceAsync(It.IsAny<PhoneNumber>(), It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => _failuresInLastHour);
    }

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(IssuedAt + TimeSpan.FromMinutes(1));
        _options = new OtpOptions { MaxVerifyAttempts = 5 };

        _store = new Mock<IOtpTokenStore>(MockBehavior.Strict);
        _store.Setup(s => s.TrySaveAsync(It.IsAny<CancellationToken>())).ReturnsAsync(true);

        _hasher = new Mock<IOtpCodeHasher>();
        _hasher.Setup(h => h.Hash(It.IsAny<PhoneNumber>(), It.IsAny<string>()))
            .Returns((PhoneNumber phone, string code) => FakeHash(phone, code));

        _users = new Mock<IUserAccounts>(MockBehavior.Strict);
        _users.Setup(u => u.SignInAsync(It.IsAny<PhoneNumber>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new UserSignIn(User, IsNewUser: true));

        _accessTokens = new Mock<IAccessTokenIssuer>();
        _accessTokens.Setup(a => a.Issue(It.IsAny<UserAccount>(), It.IsAny<DateTimeOffset>()))
            .Returns((UserAccount _, DateTimeOffset now) => new AccessToken("access-token", now.AddMinutes(15)));
        _refreshTokens = new Mock<IRefreshTokenStore>();
        _refreshTokens.Setup(r => r.TrySaveAsync(It.IsAny<CancellationToken>())).ReturnsAsync(true);
        _secrets = new Mock<ISecretTokenGenerator>();
        _secrets.Setup(s => s.Generate()).Returns("refresh-token");
        _secrets.Setup(s => s.Hash(It.IsAny<string>())).Returns((string token) => Encoding.UTF8.GetBytes(token));
    }

    [Test]
    public async Task Right_code_signs_the_user_in_once()
    {
        NewestTokenIs(SentToken(Code));

        await Handler().Handle(new VerifyOtpCommand(TypedPhone, Code), CancellationToken.None);

        _users.Verify(u => u.SignInAsync(Phone, _clock.GetUtcNow(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Right_code_marks_the_token_verified_and_saves_it()
    {
        var token = SentToken(Code);
        NewestTokenIs(token);

        await Handler().Handle(new VerifyOtpCommand(TypedPhone, Code), CancellationToken.None);

        Assert.That(token.Status, Is.EqualTo(OtpStatus.Verified));
        Assert.That(token.VerifiedAt, Is.EqualTo(_clock.GetUtcNow()));
        _store.Verify(s => s.TrySaveAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Right_code_returns_a_session_for_the_signed_in_user()
    {
        NewestTokenIs(SentToken(Code));

        var result = await Handler().Handle(new VerifyOtpCommand(TypedPhone, Code), CancellationToken.None);

        Assert.That(result.Session.User, Is.EqualTo(User));
        Assert.That(result.Session.Access, Is.EqualTo(new AccessToken("access-token", _clock.GetUtcNow().AddMinutes(15))));
        Assert.That(result.Session.RefreshToken, Is.EqualTo("refresh-token"));
        _refreshTokens.Verify(r => r.Add(It.Is<RefreshToken>(t => t.UserId == User.Id)), Times.Once);
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Right_code_reports_whether_the_sign_in_created_the_user(bool isNewUser)
    {
        NewestTokenIs(SentToken(Code));
        _users.Setup(u => u.SignInAsync(It.IsAny<PhoneNumber>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new UserSignIn(User, isNewUser));

        var result = await Handler().Handle(new VerifyOtpCommand(TypedPhone, Code), CancellationToken.None);

        Assert.That(result.IsNewUser, Is.EqualTo(isNewUser));
    }

    [Test]
    public async Task Code_typed_in_persian_digits_verifies()
    {
        NewestTokenIs(SentToken("123456"));

        var result = await Handler().Handle(new VerifyOtpCommand(TypedPhone, "۱۲۳۴۵۶"), CancellationToken.None);

        Assert.That(result.Session.User, Is.EqualTo(User));
        _users.Verify(u => u.SignInAsync(Phone, It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Phone_without_a_token_is_refused_as_an_invalid_code()
    {
        _store.Setup(s => s.FindNewestAsync(Phone, It.IsAny<CancellationToken>())).ReturnsAsync((OtpToken?)null);

        await Assert.ThrowsAsync<InvalidOtpException>(async () =>
            await Handler().Handle(new VerifyOtpCommand(TypedPhone, Code), CancellationToken.None));

        _users.VerifyNoOtherCalls();
        _store.Verify(s => s.TrySaveAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Wrong_code_is_refused_as_an_invalid_code()
    {
        NewestTokenIs(SentToken(Code));

        await Assert.ThrowsAsync<InvalidOtpException>(async () =>
            await Handler().Handle(new VerifyOtpCommand(TypedPhone, "654321"), CancellationToken.None));

        _users.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Wrong_code_saves_the_failed_attempt_on_the_token()
    {
        var token = SentToken(Code);
        NewestTokenIs(token);
        int? failedAttemptsWhenSaved = null;
        _store.Setup(s => s.TrySaveAsync(It.IsAny<CancellationToken>()))
            .Callback(() => failedAttemptsWhenSaved = token.FailedAttempts)
            .ReturnsAsync(true);

        await Assert.ThrowsAsync<InvalidOtpException>(async () =>
            await Handler().Handle(new VerifyOtpCommand(TypedPhone, "654321"), CancellationToken.None));

        Assert.That(failedAttemptsWhenSaved, Is.EqualTo(1));
        _store.Verify(s => s.TrySaveAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Wrong_code_that_reaches_the_limit_is_answered_as_invalid_and_saves_the_lock()
    {
        _options.MaxVerifyAttempts = 3;
        var token = SentToken(Code);
        token.TryVerify(FakeHash(Phone, "000000"), 3, _clock.GetUtcNow());
        token.TryVerify(FakeHash(Phone, "000000"), 3, _clock.GetUtcNow());
        NewestTokenIs(token);

        await Assert.ThrowsAsync<InvalidOtpException>(async () =>
            await Handler().Handle(new VerifyOtpCommand(TypedPhone, "654321"), CancellationToken.None));

        Assert.That(token.Status, Is.EqualTo(OtpStatus.Locked));
        _store.Verify(s => s.TrySaveAsync(It.IsAny<CancellationToken>()), Times.Once);
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

        _users.VerifyNoOtherCalls();
        _store.Verify(s => s.TrySaveAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Expired_token_is_refused_as_an_invalid_code()
    {
        NewestTokenIs(SentToken(Code));
        _clock.SetUtcNow(IssuedAt + Lifetime);

        await Assert.ThrowsAsync<InvalidOtpException>(async () =>
            await Handler().Handle(new VerifyOtpCommand(TypedPhone, Code), CancellationToken.None));

        _users.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Expired_token_is_saved_as_expired()
    {
        var token = SentToken(Code);
        NewestTokenIs(token);
        _clock.SetUtcNow(IssuedAt + Lifetime + TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<InvalidOtpException>(async () =>
            await Handler().Handle(new VerifyOtpCommand(TypedPhone, Code), CancellationToken.None));

        Assert.That(token.Status, Is.EqualTo(OtpStatus.Expired));
        _store.Verify(s => s.TrySaveAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Already_verified_token_is_refused_as_an_invalid_code()
    {
        NewestTokenIs(VerifiedToken(Code));

        await Assert.ThrowsAsync<InvalidOtpException>(async () =>
            await Handler().Handle(new VerifyOtpCommand(TypedPhone, Code), CancellationToken.None));

        _users.VerifyNoOtherCalls();
    }

    [TestCase("12ab56")]
    [TestCase("abcdef")]
    [TestCase("123")]
    [TestCase("12345678901")]
    public async Task Code_that_is_not_a_code_is_refused_without_touching_the_store(string code)
    {
        await Assert.ThrowsAsync<InvalidOtpException>(async () =>
            await Handler().Handle(new VerifyOtpCommand(TypedPhone, code), CancellationToken.None));

        _store.Verify(s => s.TrySaveAsync(It.IsAny<CancellationToken>()), Times.Never);
        _store.Verify(s => s.FindNewestAsync(It.IsAny<PhoneNumber>(), It.IsAny<CancellationToken>()), Times.Never);
        _users.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Losing_the_save_to_a_request_that_verified_first_is_refused_without_a_second_sign_in()
    {
        var loaded = SentToken(Code);
        var reloaded = VerifiedToken(Code); // what the concurrent request committed
        _store.SetupSequence(s => s.FindNewestAsync(Phone, It.IsAny<CancellationToken>()))
            .ReturnsAsync(loaded)
            .ReturnsAsync(reloaded);
        _store.Setup(s => s.TrySaveAsync(It.IsAny<CancellationToken>())).ReturnsAsync(false);

        await Assert.ThrowsAsync<InvalidOtpException>(async () =>
            await Handler().Handle(new VerifyOtpCommand(TypedPhone, Code), CancellationToken.None));

        _store.Verify(s => s.FindNewestAsync(Phone, It.IsAny<CancellationToken>()), Times.Exactly(2));
        _store.Verify(s => s.TrySaveAsync(It.IsAny<CancellationToken>()), Times.Once);
        _users.Verify(u => u.SignInAsync(It.IsAny<PhoneNumber>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Losing_the_save_to_a_wrong_code_retries_on_the_fresh_token_and_signs_in()
    {
        var loaded = SentToken(Code);
        var reloaded = SentToken(Code);
        reloaded.TryVerify(FakeHash(Phone, "000000"), _options.MaxVerifyAttempts, _clock.GetUtcNow()); // the concurrent wrong guess
        _store.SetupSequence(s => s.FindNewestAsync(Phone, It.IsAny<CancellationToken>()))
            .ReturnsAsync(loaded)
            .ReturnsAsync(reloaded);
        _store.SetupSequence(s => s.TrySaveAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(false)
            .ReturnsAsync(true);

        await Handler().Handle(new VerifyOtpCommand(TypedPhone, Code), CancellationToken.None);

        Assert.That(reloaded.Status, Is.EqualTo(OtpStatus.Verified));
        _users.Verify(u => u.SignInAsync(Phone, It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Failed_verification_is_recorded_against_the_phone_even_without_a_code()
    {
        _store.Setup(s => s.FindNewestAsync(Phone, It.IsAny<CancellationToken>())).ReturnsAsync((OtpToken?)null);
        var handler = Handler();

        await Assert.ThrowsAsync<InvalidOtpException>(async () =>
            await handler.Handle(new VerifyOtpCommand(TypedPhone, "000000"), CancellationToken.None));

        _failures.Verify(f => f.RecordAsync(Phone, It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Phone_at_the_hourly_failure_cap_is_refused_before_any_code_is_checked()
    {
        _failuresInLastHour = 20;

        await Assert.ThrowsAsync<VerifyCapReachedException>(async () =>
            await Handler().Handle(new VerifyOtpCommand(TypedPhone, Code), CancellationToken.None));

        _users.Verify(u => u.SignInAsync(It.IsAny<PhoneNumber>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private VerifyOtpHandler Handler() => new(
        _store.Object,
        _hasher.Object,
        _users.Object,
        _failures.Object,
        new SessionIssuer(_accessTokens.Object, _refreshTokens.Object, _secrets.Object, Options.Create(new AuthOptions())),
        Options.Create(_options),
        _clock,
        new OtpMetrics(new TestMeterFactory()),
        NullLogger<VerifyOtpHandler>.Instance);

    private void NewestTokenIs(OtpToken token) =>
        _store.Setup(s => s.FindNewestAsync(Phone, It.IsAny<CancellationToken>())).ReturnsAsync(token);

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
}
