using Pilito.Domain.Accounts;
using Pilito.Domain.Otp;
using Pilito.Domain.Webhooks;
using Pilito.Infrastructure.Identity;

namespace Pilito.Infrastructure.Persistence.GroupCommit;

/// <summary>
/// What a write added, and which accounts it signed in or moved, until its provider stores them (the writer's own
/// units of work, SQLite's and PostgreSQL's, share it).
/// </summary>
internal abstract class PendingRows
{
    protected List<OtpToken> NewTokens { get; } = [];

    protected List<PilitoUser> NewUsers { get; } = [];

    protected List<PilitoUser> SignedInUsers { get; } = [];

    protected List<PilitoUser> MovedUsers { get; } = [];

    protected List<RefreshToken> NewRefreshTokens { get; } = [];

    protected List<WebhookMessage> NewMessages { get; } = [];

    public void Add(OtpToken token) => NewTokens.Add(token);

    public void Add(RefreshToken token) => NewRefreshTokens.Add(token);

    public void Add(WebhookMessage message) => NewMessages.Add(message);

    public void AddUser(PilitoUser user) => NewUsers.Add(user);

    public void SignedIn(PilitoUser user)
    {
        if (!NewUsers.Contains(user)) // a new user is inserted with its sign-in
            SignedInUsers.Add(user);
    }

    public void PhoneChanged(PilitoUser user) => MovedUsers.Add(user);

    /// <summary>Forgets what was added and changed: it has been stored, or queued to be.</summary>
    protected void ClearPending()
    {
        NewTokens.Clear();
        NewUsers.Clear();
        SignedInUsers.Clear();
        MovedUsers.Clear();
        NewRefreshTokens.Clear();
        NewMessages.Clear();
    }
}
