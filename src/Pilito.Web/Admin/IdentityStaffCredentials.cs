using Microsoft.AspNetCore.Identity;
using Pilito.Application.Admin.SignInStaff;
using Pilito.Application.Common.Ports;
using Pilito.Infrastructure.Identity;

namespace Pilito.Web.Admin;

/// <summary>
/// Staff passwords through Identity's sign-in manager, which also writes the session cookie. A wrong password does
/// not count towards Identity's lockout: a stranger who knows an email could then lock that staff member out at
/// will. <see cref="StaffSignInThrottle"/> limits failures per network instead.
/// </summary>
public sealed class IdentityStaffCredentials(SignInManager<PilitoUser> signIn, ILogger<IdentityStaffCredentials> logger) : IStaffCredentials
{
    /// <summary>A hash to check refused emails' passwords against, so that they take as long as a staff member's.</summary>
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<PilitoUser>().HashPassword(new PilitoUser(), Guid.NewGuid().ToString()));

    public async Task<StaffCredentialCheck> SignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        var user = await signIn.UserManager.FindByEmailAsync(email);
        // Only staff accounts may try a password: phone accounts have none and never get a staff session.
        if (user is null || !await signIn.UserManager.IsStaffAsync(user))
        {
            signIn.UserManager.PasswordHasher.VerifyHashedPassword(new PilitoUser(), DecoyHash.Value, password);
            return new StaffCredentialCheck(StaffSignInOutcome.Refused);
        }

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            logger.LogInformation("Staff {UserId} {StaffEmail} signed in to the admin pages", user.Id, user.Email);
            return new StaffCredentialCheck(StaffSignInOutcome.SignedIn, user.Id, user.Email);
        }

        if (result.RequiresTwoFactor)
            return new StaffCredentialCheck(StaffSignInOutcome.SecondStepRequired, user.Id, user.Email);
        logger.LogWarning("Staff sign-in refused for {UserId} {StaffEmail}: {Reason}", user.Id, user.Email, result.IsLockedOut ? "locked out" : "wrong password");
        return new StaffCredentialCheck(StaffSignInOutcome.Refused, user.Id, user.Email);
    }
}
