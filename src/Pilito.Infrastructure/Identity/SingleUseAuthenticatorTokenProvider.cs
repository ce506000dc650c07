using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OtpNet;
using Pilito.Infrastructure.Persistence;

namespace Pilito.Infrastructure.Identity;

/// <summary>
/// Authenticator-app codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), each accepted once. Identity's own
/// provider accepts a code again for as long as its steps are in the window, so a code read over a shoulder or from a
/// proxy log signs in a second time; here the last accepted step is stored with the account, and a code of that step
/// or an earlier one is refused.
/// </summary>
/// <remarks>
/// The step is stored through the user's concurrency stamp: of two requests with one code, the second's update fails
/// and its code is refused, on one instance or several. One step back and one ahead are accepted (RFC 6238 §5.2):
/// a phone's clock may be up to a minute off.
/// </remarks>
public sealed class SingleUseAuthenticatorTokenProvider(TimeProvider clock, PilitoDbContext db) : AuthenticatorTokenProvider<PilitoUser>
{
    public const string LoginProvider = "[PilitoAuthenticator]";
    public const string LastAcceptedStep = "LastAcceptedStep";
    private static readonly VerificationWindow Window = new(previous: 1, future: 1);

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<PilitoUser> manager, PilitoUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || token is not { Length: 6 } || !token.All(char.IsAsciiDigit))
            return false;
        if (!new Totp(Base32Encoding.ToBytes(key)).VerifyTotp(clock.GetUtcNow().UtcDateTime, token, out var step, Window))
            return false;

        var last = await manager.GetAuthenticationTokenAsync(user, LoginProvider, LastAcceptedStep);
        if (long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var lastStep) && step <= lastStep)
            return false;
        try
        {
            var stored = await manager.SetAuthenticationTokenAsync(user, LoginProvider, LastAcceptedStep, step.ToString(CultureInfo.InvariantCulture));
            return stored.Succeeded;
        }
        catch (DbUpdateException)
        {
            // Only a key made before its step row existed (PilitoUserManager makes both) meets this: two first uses at
            // once both inserted the row. The loser's code is refused and its refused row let go, or the lockout
            // count Identity saves next would insert it again.
            foreach (var entry in db.ChangeTracker.Entries<IdentityUserToken<Guid>>().Where(e => e.State == EntityState.Added).ToList())
                entry.State = EntityState.Detached;
            return false;
        }
    }
}
