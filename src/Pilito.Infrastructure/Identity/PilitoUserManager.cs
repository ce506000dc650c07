using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Pilito.Infrastructure.Identity;

/// <summary>
/// Identity's user manager, with one addition: a new authenticator key comes with its "last accepted step" row (see
/// <see cref="SingleUseAuthenticatorTokenProvider"/>). Created here, with the key, the row is only ever updated
/// afterwards, through the account's concurrency stamp; created at the first sign-in, two racing first sign-ins would
/// both insert it.
/// </summary>
public sealed class PilitoUserManager(
    IUserStore<PilitoUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<PilitoUser> passwordHasher,
    IEnumerable<IUserValidator<PilitoUser>> userValidators,
    IEnumerable<IPasswordValidator<PilitoUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<PilitoUser>> logger)
    : UserManager<PilitoUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<IdentityResult> ResetAuthenticatorKeyAsync(PilitoUser user)
    {
        var reset = await base.ResetAuthenticatorKeyAsync(user);
        if (!reset.Succeeded)
            return reset;
        // A new key starts with no step used.
        return await SetAuthenticationTokenAsync(user, SingleUseAuthenticatorTokenProvider.LoginProvider, SingleUseAuthenticatorTokenProvider.LastAcceptedStep, "0");
    }
}
