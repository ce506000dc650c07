using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Pilito.Application.Accounts.VerifyPhoneChange;
using Pilito.Application.Common.Errors;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Application.Common.Telemetry;
using Pilito.Application.Tests.Support;
using Pilito.Domain.Accounts;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Application.Tests.Accounts;

public sealed class VerifyPhoneChangeHandlerTests
{
    private const string Code = "123456";
    private static readonly PhoneNumber OldPhone = PhoneNumber.Parse("09121110000");
    private static readonly PhoneNumber NewPhone = PhoneNumber.Parse("09351234567");
    private static readonly DateTimeOffset IssuedAt = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Joined = IssuedAt.AddDays(-10);

    private FakeTimeProvider _clock = null!;
    private InMemoryOtpStore _store = null!;
    private Mock<IOtpCodeHasher> _hasher = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(IssuedAt + TimeSpan.FromMinutes(1));
        _store = new InMemoryOtpStore();
        _hasher = new Mock<IOtpCodeHasher>();
        _hasher.Setup(h => h.Hash(It.IsAny<PhoneNumber>(), It.IsAny<string>()))
            .Returns((PhoneNumber phone, string code) => FakeHash(phone, code));
    }

    [Test]
    public async Task Right_code_moves_the_account_in_one_write_claimed_for_the_new_number()
    {
        var account = _store.SeedAccount(OldPhone, Joined);
        var id = _store.Seed(SentToken(account.Id));

        var result = await VerifyAsync(account.Id, session: null);

        Assert.That(account.Phone, Is.EqualTo(NewPhone));
        Assert.That(result.User, Is.EqualTo(new UserAccount(account.Id, NewPhone.E164, Joined)));
        Assert.That(_store.Token(id).Status, Is.EqualTo(OtpStatus.Verified));
        Assert.That(_store.Runs, Is.EqualTo(new PhoneNumber?[] { NewPhone }));
    }

    [Test]
    public async Task Every_refresh_family_but_the_asking_session_is_revoked()
    {
        var account = _store.SeedAccount(OldPhone, Joined);
        _store.Seed(SentToken(account.Id));
        var kept = RefreshToken.StartFamily(account.Id, Hash("kept"), Joined, TimeSpan.FromDays(30));
        _store.SeedRefreshToken(kept);
        _store.SeedRefreshToken(RefreshToken.StartFamily(account.Id, Hash("other-1"), Joined, TimeSpan.FromDays(30)));
        _store.SeedRefreshToken(RefreshToken.StartFamily(account.Id, Hash("other-2"), Joined, TimeSpan.FromDays(30)));
        var stranger = RefreshToken.StartFamily(Guid.NewGuid(), Hash("stranger"), Joined, TimeSpan.FromDays(30));
        _store.SeedRefreshToken(stranger);

        var result = await VerifyAsync(account.Id, kept.FamilyId);

        Assert.That(result.SessionsEnded, Is.EqualTo(2));
        Assert.That(_store.RefreshTokens.Where(t => t.RevokedAt is null).Select(t => t.FamilyId),
            Is.EquivalentTo(new[] { kept.FamilyId, stranger.FamilyId }));
    }

    [Test]
    public async Task A_number_another_account_holds_is_refused_and_nothing_moves_or_ends()
    {
        var account = _store.SeedAccount(OldPhone, Joined);
        var holder = _store.SeedAccount(NewPhone, Joined);
        _store.Seed(SentToken(account.Id));
        _store.SeedRefreshToken(RefreshToken.StartFamily(account.Id, Hash("other"), Joined, TimeSpan.FromDays(30)));

        await Assert.ThatAsync(() => VerifyAsync(account.Id, session: null), Throws.TypeOf<PhoneNumberTakenException>());

        Assert.That(account.Phone, Is.EqualTo(OldPhone));
        Assert.That(holder.Phone, Is.EqualTo(NewPhone));
        Assert.That(_store.RefreshTokens.Single().RevokedAt, Is.Null);
    }

    [Test]
    public async Task A_sign_in_code_is_not_usable_and_stays_sent()
    {
        var account = _store.SeedAccount(OldPhone, Joined);
        var id = _store.Seed(SentToken(phoneChangeOf: null));

        await Assert.ThatAsync(() => VerifyAsync(account.Id, session: null), Throws.TypeOf<InvalidOtpException>());

        Assert.That(account.Phone, Is.EqualTo(OldPhone));
        Assert.That(_store.Token(id).Status, Is.EqualTo(OtpStatus.Sent));
        Assert.That(_store.Token(id).FailedAttempts, Is.Zero, "an attempt of another purpose does not count against the code");
        Assert.That(_store.FailureCount(NewPhone), Is.EqualTo(1), "but it counts against the phone's cap, as any failure");
    }

    [Test]
    public async Task Another_accounts_phone_change_code_is_not_usable()
    {
        var account = _store.SeedAccount(OldPhone, Joined);
        _store.Seed(SentToken(phoneChangeOf: Guid.NewGuid()));

        await Assert.ThatAsync(() => VerifyAsync(account.Id, session: null), Throws.TypeOf<InvalidOtpException>());

        Assert.That(account.Phone, Is.EqualTo(OldPhone));
    }

    [Test]
    public async Task A_locked_account_is_refused_before_the_code_is_tried()
    {
        var account = _store.SeedAccount(OldPhone, Joined, isLocked: true);
        var id = _store.Seed(SentToken(account.Id));

        await Assert.ThatAsync(() => VerifyAsync(account.Id, session: null), Throws.TypeOf<AccountLockedException>());

        Assert.That(_store.Token(id).Status, Is.EqualTo(OtpStatus.Sent));
        Assert.That(account.Phone, Is.EqualTo(OldPhone));
    }

    [Test]
    public async Task An_account_that_no_longer_exists_is_refused()
    {
        _store.Seed(SentToken(Guid.NewGuid()));

        await Assert.ThatAsync(() => VerifyAsync(Guid.NewGuid(), session: null), Throws.TypeOf<UnknownUserException>());
    }

    private Task<VerifyPhoneChangeResult> VerifyAsync(Guid userId, Guid? session) =>
        new VerifyPhoneChangeHandler(_store, _hasher.Object, WebhookEndpoints.All(), Options.Create(new OtpOptions()), _clock,
                new OtpMetrics(new TestMeterFactory()), NullLogger<VerifyPhoneChangeHandler>.Instance)
            .Handle(new VerifyPhoneChangeCommand(userId, session, NewPhone.National, Code), CancellationToken.None).AsTask();

    private static OtpToken SentToken(Guid? phoneChangeOf)
    {
        var token = OtpToken.Issue(NewPhone, FakeHash(NewPhone, Code), IssuedAt, TimeSpan.FromMinutes(5), "203.0.113.7",
            phoneChangeAccountId: phoneChangeOf);
        token.RecordDelivery(new DeliveryReport("Kavenegar", true, "msg-42", 200, null), IssuedAt);
        return token;
    }

    private static byte[] Hash(string token) => Encoding.UTF8.GetBytes(token);

    private static byte[] FakeHash(PhoneNumber phone, string code) => Encoding.UTF8.GetBytes($"{phone.E164}:{code}");
}
