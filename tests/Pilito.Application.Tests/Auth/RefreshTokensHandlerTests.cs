using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Pilito.Application.Auth.RefreshTokens;
using Pilito.Application.Auth.Sessions;
using Pilito.Application.Common.Errors;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Application.Tests.Support;
using Pilito.Domain.Accounts;
using Pilito.Domain.Phones;

namespace Pilito.Application.Tests.Auth;

public sealed class RefreshTokensHandlerTests
{
    private const string Presented = "presented-refresh-token";
    private const string Successor = "successor-refresh-token";
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly PhoneNumber Phone = PhoneNumber.Parse("+989123456789");

    private FakeTimeProvider _clock = null!;
    private AuthOptions _options = null!;
    private InMemoryOtpStore _store = null!;
    private InMemoryAccount _user = null!;
    private Mock<ISecretTokenGenerator> _secrets = null!;
    private Mock<IAccessTokenIssuer> _accessTokens = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(Now);
        _options = new AuthOptions { RefreshTokenLifetime = TimeSpan.FromDays(30) };
        _store = new InMemoryOtpStore();
        _user = _store.SeedAccount(Phone, Now.AddDays(-100));

        _secrets = new Mock<ISecretTokenGenerator>();
        _secrets.Setup(s => s.Generate()).Returns(Successor);
        _secrets.Setup(s => s.Hash(It.IsAny<string>())).Returns((string token) => HashOf(token));

        _accessTokens = new Mock<IAccessTokenIssuer>();
        _accessTokens.Setup(a => a.IssueAsync(It.IsAny<UserAccount>(), It.IsAny<Guid>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Returns((UserAccount _, Guid _, DateTimeOffset now, CancellationToken _) => ValueTask.FromResult(new AccessToken("access-token", now.AddMinutes(15))));
    }

    [Test]
    public async Task Unknown_token_is_refused()
    {
        _store.SeedRefreshToken(ActiveToken());

        await Assert.ThrowsAsync<InvalidRefreshTokenException>(async () =>
            await Handler().Handle(new RefreshTokensCommand("never-issued"), CancellationToken.None));

        Assert.That(_store.RefreshTokens, Has.Count.EqualTo(1));
        Assert.That(_store.RefreshTokens[0].RevokedAt, Is.Null, "nothing of any family is revoked");
        Assert.That(_store.RefreshTokens[0].UsedAt, Is.Null);
    }

    [Test]
    public async Task Active_token_is_looked_up_by_its_hash()
    {
        var other = RefreshToken.StartFamily(_user.Id, HashOf("another-token"), Now.AddDays(-1), TimeSpan.FromDays(30));
        _store.SeedRefreshToken(other);
        var presentedId = _store.SeedRefreshToken(ActiveToken());

        await Handler().Handle(new RefreshTokensCommand(Presented), CancellationToken.None);

        Assert.That(_store.RefreshTokens.Single(t => t.Id == presentedId).UsedAt, Is.EqualTo(Now), "the token whose hash was presented is spent");
        Assert.That(_store.RefreshTokens.Single(t => t.FamilyId == other.FamilyId).UsedAt, Is.Null);
    }

    [Test]
    public async Task Active_token_is_spent_and_a_successor_in_its_family_is_saved()
    {
        var current = ActiveToken();
        var id = _store.SeedRefreshToken(current);

        await Handler().Handle(new RefreshTokensCommand(Presented), CancellationToken.None);

        Assert.That(_store.RefreshTokens.Single(t => t.Id == id).UsedAt, Is.EqualTo(Now));
        var successor = _store.RefreshTokens.Single(t => t.Id != id);
        Assert.That(successor.FamilyId, Is.EqualTo(current.FamilyId));
        Assert.That(successor.UserId, Is.EqualTo(_user.Id));
        Assert.That(successor.TokenHash, Is.EqualTo(HashOf(Successor)));
        Assert.That(successor.ExpiresAt, Is.EqualTo(Now + TimeSpan.FromDays(30)));
        Assert.That(_store.RefreshTokens.Select(t => t.RevokedAt), Is.All.Null, "nothing revoked");
        Assert.That(_store.Runs, Has.Count.EqualTo(1), "one write");
    }

    [Test]
    public async Task Active_token_returns_a_new_session_carrying_the_successor()
    {
        _store.SeedRefreshToken(ActiveToken());

        var session = await Handler().Handle(new RefreshTokensCommand(Presented), CancellationToken.None);

        Assert.That(session.RefreshToken, Is.EqualTo(Successor));
        Assert.That(session.Access, Is.EqualTo(new AccessToken("access-token", Now.AddMinutes(15))));
        Assert.That(session.User, Is.EqualTo(_user.ToAccount()));
    }

    [Test]
    public async Task Already_used_token_revokes_its_family_and_is_refused()
    {
        var used = ActiveToken();
        var earlierSuccessor = used.Rotate(HashOf("earlier-successor"), Now.AddMinutes(-5), TimeSpan.FromDays(30));
        _store.SeedRefreshToken(used);
        _store.SeedRefreshToken(earlierSuccessor);
        var otherFamily = _store.SeedRefreshToken(RefreshToken.StartFamily(_user.Id, HashOf("other-device"), Now.AddDays(-1), TimeSpan.FromDays(30)));

        await Assert.ThrowsAsync<InvalidRefreshTokenException>(async () =>
            await Handler().Handle(new RefreshTokensCommand(Presented), CancellationToken.None));

        var family = _store.RefreshTokens.Where(t => t.FamilyId == used.FamilyId).ToList();
        Assert.That(family, Has.Count.EqualTo(2), "no successor added");
        Assert.That(family.Select(t => t.RevokedAt), Is.All.EqualTo(Now), "the stolen token's whole family ends");
        Assert.That(_store.RefreshTokens.Single(t => t.Id == otherFamily).RevokedAt, Is.Null, "another sign-in's family stays");
    }

    [Test]
    public async Task Revoked_token_revokes_its_family_and_is_refused()
    {
        var revoked = ActiveToken();
        revoked.Revoke(Now.AddMinutes(-5));
        _store.SeedRefreshToken(revoked);
        _store.SeedRefreshToken(RefreshTokenInFamily(revoked.FamilyId, "sibling"));

        await Assert.ThrowsAsync<InvalidRefreshTokenException>(async () =>
            await Handler().Handle(new RefreshTokensCommand(Presented), CancellationToken.None));

        var family = _store.RefreshTokens.Where(t => t.FamilyId == revoked.FamilyId).ToList();
        Assert.That(family, Has.Count.EqualTo(2), "no successor added");
        Assert.That(family.Single(t => t.TokenHash.SequenceEqual(HashOf(Presented))).RevokedAt, Is.EqualTo(Now.AddMinutes(-5)), "revoked once, when it was");
        Assert.That(family.Single(t => t.TokenHash.SequenceEqual(HashOf("sibling"))).RevokedAt, Is.EqualTo(Now));
    }

    [Test]
    public async Task Expired_token_is_refused_without_revoking_its_family()
    {
        var expired = RefreshToken.StartFamily(_user.Id, HashOf(Presented), Now.AddDays(-31), TimeSpan.FromDays(30));
        _store.SeedRefreshToken(expired);

        await Assert.ThrowsAsync<InvalidRefreshTokenException>(async () =>
            await Handler().Handle(new RefreshTokensCommand(Presented), CancellationToken.None));

        Assert.That(_store.RefreshTokens, Has.Count.EqualTo(1), "no successor added");
        Assert.That(_store.RefreshTokens[0].RevokedAt, Is.Null);
        Assert.That(_store.RefreshTokens[0].UsedAt, Is.Null);
    }

    [Test]
    public async Task Token_of_a_user_who_no_longer_exists_is_refused()
    {
        var orphan = RefreshToken.StartFamily(Guid.NewGuid(), HashOf(Presented), Now.AddDays(-1), TimeSpan.FromDays(30));
        _store.SeedRefreshToken(orphan);

        await Assert.ThrowsAsync<InvalidRefreshTokenException>(async () =>
            await Handler().Handle(new RefreshTokensCommand(Presented), CancellationToken.None));

        Assert.That(_store.RefreshTokens, Has.Count.EqualTo(1), "no successor added");
        Assert.That(_store.RefreshTokens[0].UsedAt, Is.Null, "not spent");
    }

    [Test]
    public async Task Token_of_a_locked_account_is_refused_and_not_spent()
    {
        _user.IsLocked = true;
        _store.SeedRefreshToken(ActiveToken());

        await Assert.ThrowsAsync<InvalidRefreshTokenException>(async () =>
            await Handler().Handle(new RefreshTokensCommand(Presented), CancellationToken.None));

        Assert.That(_store.RefreshTokens, Has.Count.EqualTo(1));
        Assert.That(_store.RefreshTokens[0].UsedAt, Is.Null);
    }

    [Test]
    public async Task A_second_refresh_with_the_same_token_is_reuse_and_ends_the_family_the_first_started()
    {
        _store.SeedRefreshToken(ActiveToken());
        var first = await Handler().Handle(new RefreshTokensCommand(Presented), CancellationToken.None);

        await Assert.ThrowsAsync<InvalidRefreshTokenException>(async () =>
            await Handler().Handle(new RefreshTokensCommand(Presented), CancellationToken.None));

        Assert.That(first.RefreshToken, Is.EqualTo(Successor));
        Assert.That(_store.RefreshTokens.Select(t => t.RevokedAt), Is.All.EqualTo(Now), "the successor the first refresh made is revoked too");
        _accessTokens.Verify(a => a.IssueAsync(It.IsAny<UserAccount>(), It.IsAny<Guid>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    private RefreshTokensHandler Handler() => new(
        _store,
        _secrets.Object,
        new SessionIssuer(_accessTokens.Object, _secrets.Object, Options.Create(_options)),
        WebhookEndpoints.All(),
        Options.Create(_options),
        Options.Create(new OtpOptions()),
        _clock,
        NullLogger<RefreshTokensHandler>.Instance);

    private RefreshToken ActiveToken() =>
        RefreshToken.StartFamily(_user.Id, HashOf(Presented), Now.AddDays(-1), TimeSpan.FromDays(30));

    /// <summary>A live token of <paramref name="familyId"/> (as a rotation would have made it).</summary>
    private RefreshToken RefreshTokenInFamily(Guid familyId, string token) => RefreshToken.Restore(new StoredRefreshToken
    {
        Id = 0,
        UserId = _user.Id,
        FamilyId = familyId,
        TokenHash = HashOf(token),
        CreatedAt = Now.AddMinutes(-10),
        ExpiresAt = Now.AddDays(29),
        Version = 0,
    });

    private static byte[] HashOf(string token) => Encoding.UTF8.GetBytes("hash:" + token);
}
