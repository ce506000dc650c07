namespace Pilito.Application.Common.Ports;

/// <summary>Accounts as the API sees them (sign-in itself happens in the verification, through <see cref="Writes.IOtpTransaction"/>).</summary>
public interface IUserAccounts
{
    Task<UserAccount?> FindAsync(Guid userId, CancellationToken cancellationToken);
}
