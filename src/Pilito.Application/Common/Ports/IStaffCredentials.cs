using Pilito.Application.Admin.SignInStaff;

namespace Pilito.Application.Common.Ports;

/// <summary>The staff accounts' passwords: Identity checks them and starts the session cookie.</summary>
public interface IStaffCredentials
{
    /// <summary>
    /// Checks the password of a staff account (an unknown email or a phone account is refused after as much work as
    /// a real check) and, when it is right, starts the session or its second step. Never counts failures: the
    /// caller's limits do.
    /// </summary>
    /// <returns><see cref="StaffSignInOutcome.SignedIn"/>, <see cref="StaffSignInOutcome.SecondStepRequired"/> or <see cref="StaffSignInOutcome.Refused"/>.</returns>
    Task<StaffSignInOutcome> SignInAsync(string email, string password, CancellationToken cancellationToken);
}
