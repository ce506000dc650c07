using Pilito.Application.Admin.Common;
using Pilito.Application.Admin.CreateStaffAccount;
using Pilito.Application.Admin.ListUsers;
using Pilito.Domain.Phones;
using Pilito.Domain.Webhooks;

namespace Pilito.Application.Common.Ports;

/// <summary>Account administration for staff: phone accounts and staff accounts.</summary>
public interface IUserAdministration
{
    Task<Page<UserRow>> ListPhoneAccountsAsync(PhoneNumber? phone, PageRequest page, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// False when there is no phone account with that id (staff accounts are not locked from here). The
    /// <paramref name="events"/> are stored with the change, in its transaction, and not at all without it.
    /// </summary>
    Task<bool> SetPhoneAccountLockAsync(Guid userId, bool locked, IReadOnlyList<WebhookMessage> events, CancellationToken cancellationToken);

    Task<CreateStaffAccountResult> CreateStaffAccountAsync(string email, string password, string role, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Turns off a staff account's two-factor sign-in (key and recovery codes dropped) and ends its sessions.
    /// The account's id, or null when no staff account has that email.
    /// </summary>
    Task<Guid?> ResetStaffTwoFactorAsync(string email, CancellationToken cancellationToken);
}
