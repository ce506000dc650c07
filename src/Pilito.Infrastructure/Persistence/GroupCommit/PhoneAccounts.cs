using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pilito.Domain.Phones;
using Pilito.Infrastructure.Identity;

namespace Pilito.Infrastructure.Persistence.GroupCommit;

/// <summary>
/// Phone accounts as Identity's user manager would name and create them, for the writer's rounds. The rounds do not
/// use <see cref="UserManager{TUser}"/>: it saves after every step and queries the name again to validate it, which
/// would add commits to a verification; the round's transaction makes the name check, and the unique index on the
/// normalised name backs it.
/// </summary>
internal sealed class PhoneAccounts
{
    private readonly ILookupNormalizer _normalizer;
    private readonly bool _lockoutAllowedForNewUsers;

    public PhoneAccounts(IServiceScopeFactory scopes, IOptions<IdentityOptions> identity)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(identity);
        using var scope = scopes.CreateScope(); // Identity registers the normaliser scoped; it holds no state
        _normalizer = scope.ServiceProvider.GetRequiredService<ILookupNormalizer>();
        _lockoutAllowedForNewUsers = identity.Value.Lockout.AllowedForNewUsers;
    }

    public string UserName(PhoneNumber phone) => _normalizer.NormalizeName(phone.E164);

    public PilitoUser Create(PhoneNumber phone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(phone);
        return PilitoUser.ForPhone(phone.E164, UserName(phone), now, _lockoutAllowedForNewUsers);
    }
}
