using Pilito.Domain.Phones;

namespace Pilito.Application.Common.Ports;

public interface IUserAccounts
{
    /// <summary>Finds the phone's account, creating it (phone confirmed) on first sign-in; records the sign-in.</summary>
    Task<UserSignIn> SignInAsync(PhoneNumber phone, DateTimeOffset now, CancellationToken cancellationToken);

    Task<UserAccount?> FindAsync(Guid userId, CancellationToken cancellationToken);
}
