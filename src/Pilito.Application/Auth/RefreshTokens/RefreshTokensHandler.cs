using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pilito.Application.Auth.Sessions;
using Pilito.Application.Common.Errors;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Application.Common.Writes;
using Pilito.Application.Webhooks;

namespace Pilito.Application.Auth.RefreshTokens;

public sealed class RefreshTokensHandler(
    IOtpWriter writer,
    ISecretTokenGenerator secrets,
    SessionIssuer sessions,
    WebhookEvents events,
    IOptions<AuthOptions> auth,
    IOptions<OtpOptions> otp,
    TimeProvider clock,
    ILogger<RefreshTokensHandler> logger) : ICommandHandler<RefreshTokensCommand, Session>
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    public async ValueTask<Session> Handle(RefreshTokensCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var presented = secrets.Hash(command.RefreshToken!);
        var successor = sessions.NewRefreshToken();
        var network = ClientNetwork.Of(command.ClientIp, otp.Value.Ipv6PrefixLength);
        // In the writer's transaction: of two refreshes with one token, the second finds it spent, which is reuse.
        var rotation = await writer.RunAsync(
            null, [new CountRead(CountScope.RefreshAddress(network), now - Hour)], (transaction, ct) => LimitedRotateAsync(transaction, network, presented, successor, now, ct), cancellationToken);
        if (rotation.AddressFreesUpAt is { } freesUpAt)
        {
            logger.LogWarning("Refresh from {ClientNetwork} refused: {Limit} refused tokens per hour from one network", network, auth.Value.MaxRefreshFailuresPerIpPerHour);
            throw new AddressRateLimitedException(RetryAfter.Until(freesUpAt, now));
        }

        if (rotation.ReusedBy is { } reuse)
            logger.LogWarning("Refresh token reused for user {UserId}; revoked its family {FamilyId}", reuse.UserId, reuse.FamilyId);
        return rotation.User is { } user
            ? await sessions.StartAsync(successor, rotation.FamilyId, user, now, cancellationToken)
            : throw new InvalidRefreshTokenException();
    }

    /// <summary>A network that presented too many refused tokens this hour is refused before its token is looked up.</summary>
    private async Task<Rotation> LimitedRotateAsync(
        IOtpTransaction transaction, ClientNetwork network, byte[] presented, PendingRefresh successor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var hourStart = now - Hour;
        var refused = await transaction.FindCountsAsync(CountScope.RefreshAddress(network), hourStart, cancellationToken);
        if (refused.CountSince(hourStart) >= auth.Value.MaxRefreshFailuresPerIpPerHour)
            return new Rotation(null, null, refused.FreesUpAt(hourStart) + Hour);

        var rotation = await RotateAsync(transaction, presented, successor, now, cancellationToken);
        if (rotation.User is null)
            refused.Add(now);
        return rotation;
    }

    private async Task<Rotation> RotateAsync(IOtpTransaction transaction, byte[] presented, PendingRefresh successor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var token = await transaction.FindRefreshTokenAsync(presented, cancellationToken);
        if (token is null)
            return Rotation.Refused;

        if (token.WasUsed || token.RevokedAt is not null)
        {
            // A spent token presented again was stolen or replayed: every token of its family ends now.
            var ending = (await transaction.FindRefreshFamilyAsync(token.FamilyId, cancellationToken)).Where(m => m.RevokedAt is null).ToList();
            foreach (var member in ending)
                member.Revoke(now);
            events.SessionsRevoked(transaction, ending, "refresh_reuse", now);
            return new Rotation(null, token);
        }

        if (!token.IsActiveAt(now))
            return Rotation.Refused;
        var user = await transaction.FindAccountAsync(token.UserId, now, cancellationToken);
        if (user is null || user.IsLocked)
            return Rotation.Refused;
        transaction.Add(sessions.Rotate(token, successor, now));
        return new Rotation(user, null) { FamilyId = token.FamilyId };
    }

    private sealed record Rotation(UserAccount? User, Domain.Accounts.RefreshToken? ReusedBy, DateTimeOffset? AddressFreesUpAt = null)
    {
        /// <summary>The family the successor joined: the session its access token names.</summary>
        public Guid FamilyId { get; init; }

        public static Rotation Refused { get; } = new(null, null);
    }
}
