using Microsoft.Extensions.Logging;
using Pilito.Application.Common.Writes;
using Pilito.Application.Webhooks;

namespace Pilito.Application.Auth.Sessions;

/// <summary>
/// Ends every session of an account: its refresh tokens are all revoked in one write. Revoked tokens stay revoked,
/// so unlocking an account never brings one back. Access tokens already issued stay valid until they expire
/// (Auth:AccessTokenLifetime); a locked account's are refused by <c>/me</c> anyway.
/// </summary>
public sealed class AccountSessions(IOtpWriter writer, WebhookEvents events, TimeProvider clock, ILogger<AccountSessions> logger)
{
    /// <param name="reason">Why, for the log and the session.revoked events: "logout_all" (the account's own request) or "locked".</param>
    /// <returns>How many refresh tokens were revoked.</returns>
    public async Task<int> EndAllAsync(Guid userId, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var revoked = await writer.RunAsync(null, async (transaction, ct) =>
        {
            var tokens = await transaction.FindUnrevokedRefreshTokensAsync(userId, ct);
            foreach (var token in tokens)
                token.Revoke(now);
            events.SessionsRevoked(transaction, tokens, reason, now);
            return tokens.Count;
        }, cancellationToken);
        logger.LogInformation("Every session of user {UserId} ended ({Reason}): {Count} refresh tokens revoked", userId, reason, revoked);
        return revoked;
    }
}
