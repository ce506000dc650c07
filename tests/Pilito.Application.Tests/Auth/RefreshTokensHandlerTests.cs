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
using Pilito.Domain.Accounts;

namespace Pilito.Application.Tests.Auth;

public sealed class RefreshTokensHandlerTests
{
    private const string Presented = "presented-refresh-token";
    private const string Successor = "successor-refresh-token";
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly UserAccount User = new(Guid.NewGuid(), "+989123456789", Now.AddDays(-100));

    private FakeTimeProvider _clock = null!;
    private AuthOptions _options = null!;
    private Mock<IRefreshTokenStore> _store = null!;
    private Mock<ISecretTokenGenerator> _secrets = null!;
    private Mock<IUserAccounts> _users = null!;
    private Mock<IAccessTokenIssuer> _accessTokens = null!;
    private readonly List<RefreshToken> _added = [];

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(Now);
        _options = new AuthOptions { RefreshTokenLifetime = TimeSpan.FromDays(30) };
        _added.Clear();

        _secrets = new Mock<ISecretTokenGenerator>();
        _secrets.Setup(s => s.Generate()).Returns(Successor);
        _secrets.Setup(s => s.Hash(It.IsAny<string>())).Returns((string token) => HashOf(token));

        _store = new Mock<IRefreshTokenStore>(MockBehavior.Strict);
        _store.Setup(s => s.FindByHashAsync(It.IsAny<byte[]>(), It.IsAny<CancellationToken>())).ReturnsAsync((RefreshToken?)null);
        _store.Setup(s => s.Add(It.IsAny<RefreshToken>())).Callback((RefreshToken token) => _added.Add(token));
        _store.Setup(s => s.TrySaveAsync(It.IsAny<CancellationToken>())).ReturnsAsync(true);
        _store.Setup(s => s.RevokeFamilyAsync(It.IsAny<Guid>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Returns(Task.CompletedTask);

        _users = new Mock<IUserAccounts>(MockBehavior.Strict);
        _users.Setup(u => u.FindAsync(User.Id, It.IsAny<CancellationToken>())).ReturnsAsync(User);

        _accessTokens = new Mock<IAccessTokenIssuer>();
        _accessTokens.Setup(a => a.Issue(It.IsAny<UserAccount>(), It.IsAny<DateTimeOffset>()))
            .Returns((UserAccount _, DateTimeOffset now) => new AccessToken("access-token", now.AddMinutes(15)));
    }

    [Test]
    public async Task Unknown_token_is_refused()
    {
        await Assert.ThrowsAsync<InvalidRefreshTokenException>(async () =>
            await Handler().Handle(new RefreshTokensCommand("never-issued"), CancellationToken.None));

        _store.Verify(s => s.RevokeFamilyAsync(It.IsAny<Guid>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
        _store.Verify(s => s.Add(It.IsAny<RefreshToken>()), Times.Never);
    }

    [Test]
    public async Task Active_token_is_looked_up_by_its_hash()
    {
        StoreHolds(ActiveToken());

        await Handler().Handle(new RefreshTokensCommand(Presented), CancellationToken.None);

        _store.Verify(s => s.FindByHashAsync(It.Is<byte[]>(h => h.SequenceEqual(HashOf(Presented))), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Active_token_is_spent_and_a_successor_in_its_family_is_saved()
    {
        var current = ActiveToken();
        StoreHolds(current);

        await Handler().Handle(new RefreshTokensCommand(Presented), CancellationToken.None);

        Assert.That(current.UsedAt, Is.EqualTo(Now));
        Assert.That(_added, Has.Count.EqualTo(1));
        var successor = _added[0];
        Assert.That(successor.FamilyId, Is.EqualTo(current.FamilyId));
        Assert.That(successor.UserId, Is.EqualTo(User.Id));
        Assert.That(successor.TokenHash, Is.EqualTo(HashOf(Successor)));
        Assert.That(successor.ExpiresAt, Is.EqualTo(Now + TimeSpan.FromDays(30)));
        _store.Verify(s => s.TrySaveAsync(It.IsAny<CancellationToken>()), Times.Once);
        _store.Verify(s => s.RevokeFamilyAsync(It.IsAny<Guid>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Active_token_returns_a_new_session_carrying_the_successor()
    {
        StoreHolds(ActiveToken());

        var session = await Handler().Handle(new RefreshTokensCommand(Presented), CancellationToken.None);

        Assert.That(session.RefreshToken, Is.EqualTo(Successor));
        Assert.That(session.Access, Is.EqualTo(new AccessToken("access-token", Now.AddMinutes(15))));
        Assert.That(session.User, Is.EqualTo(User));
    }

    [Test]
    public async Task Already_used_token_revokes_its_family_and_is_refused()
    {
        var used = ActiveToken();
        used.Rotate(HashOf("earlier-successor"), Now.AddMinutes(-5), TimeSpan.FromDays(30));
        StoreHolds(used);

        await Assert.ThrowsAsync<InvalidRefreshTokenException>(async () =>
            await Handler().Handle(new RefreshTokensCommand(Presented), CancellationToken.None));

        _store.Verify(s => s.RevokeFamilyAsync(used.FamilyId, Now, It.IsAny<CancellationToken>()), Times.Once);
        _store.Verify(s => s.Add(It.IsAny<RefreshToken>()), Times.Never);
    }

    [Test]
    public async Task Revoked_token_revokes_its_family_and_is_refused()
    {
        var revoked = ActiveToken();
        revoked.Revoke(Now.AddMinutes(-5));
        StoreHolds(revoked);

        await Assert.ThrowsAsync<InvalidRefreshTokenException>(async () =>
            await Handler().Handle(new RefreshTokensCommand(Presented), CancellationToken.None));

        _store.Verify(s => s.RevokeFamilyAsync(revoked.FamilyId, Now, It.IsAny<CancellationToken>()), Times.Once);
        _store.Verify(s => s.Add(It.IsAny<RefreshToken>()), Times.Never);
    }

    [Test]
    public async Task Expired_token_is_refused_without_revoking_its_family()
    {
        var expired = RefreshToken.StartFamily(User.Id, HashOf(Presented), Now.AddDays(-31), TimeSpan.FromDays(30));
        StoreHolds(expired);

        await Assert.ThrowsAsync<InvalidRefreshTokenException>(async () =>
            await Handler().Handle(new RefreshTokensCommand(Presented), CancellationToken.None));

        _store.Verify(s => s.RevokeFamilyAsync(It.IsAny<Guid>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
        _store.Verify(s => s.Add(It.IsAny<RefreshToken>()), Times.Never);
    }

    [Test]
    public async Task Token_of_a_user_who_no_longer_exists_is_refused()
    {
        var orphan = RefreshToken.StartFamily(Guid.NewGuid(), HashOf(Presented), Now.AddDays(-1), TimeSpan.FromDays(30));
        StoreHolds(orphan);
        _users.Setup(u => u.FindAsync(orphan.UserId, It.IsAny<CancellationToken>())).ReturnsAsync((UserAccount?)null);

        await Assert.ThrowsAsync<InvalidRefreshTokenException>(async () =>
            await Handler().Handle(new RefreshTokensCommand(Presented), CancellationToken.None));

        _store.Verify(s => s.Add(It.IsAny<RefreshToken>()), Times.Never);
    }

    [Test]
    public async Task Losing_the_save_to_a_concurrent_refresh_revokes_the_family_and_is_refused()
    {
        var current = ActiveToken();
        StoreHolds(current);
        _store.Setup(s => s.TrySaveAsync(It.IsAny<CancellationToken>())).ReturnsAsync(false);

        await Assert.ThrowsAsync<InvalidRefreshTokenException>(async () =>
            await Handler().Handle(new RefreshTokensCommand(Presented), CancellationToken.None));

        _store.Verify(s => s.RevokeFamilyAsync(current.FamilyId, Now, It.IsAny<CancellationToken>()), Times.Once);
        _accessTokens.Verify(a => a.Issue(It.IsAny<UserAccount>(), It.IsAny<DateTimeOffset>()), Times.Never);
    }

    private RefreshTokensHandler Handler() => new(
        _store.Object,
        _secrets.Object,
        _users.Object,
        new SessionIssuer(_accessTokens.Object, _secrets.Object, Options.Create(_options)),
        _clock,
        NullLogger<RefreshTokensHandler>.Instance);

    private static RefreshToken ActiveToken() =>
        RefreshToken.StartFamily(User.Id, HashOf(Presented), Now.AddDays(-1), TimeSpan.FromDays(30));

    private void StoreHolds(RefreshToken token) =>
        _store.Setup(s => s.FindByHashAsync(It.Is<byte[]>(h => h.SequenceEqual(token.TokenHash)), It.IsAny<CancellationToken>()))
            .ReturnsAsync(token);

    private static byte[] HashOf(string token) => Encoding.UTF8.GetBytes("hash:" + token);
}
