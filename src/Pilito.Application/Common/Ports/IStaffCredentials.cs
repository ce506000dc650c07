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
    Task<StaffCredentialCheck> SignInAsync(string email, string password, CancellationToken cancellationToken);
}

/// <param name="Outcome"><see cref="StaffSignInOutcome.SignedIn"/>, <see cref="StaffSignInOutcome.SecondStepRequired"/> or <see cref="StaffSignInOutcome.Refused"/>.</param>
/// <param name="StaffId">The staff account the email belongs to; null when it belongs to none.</param>
/// <param name="StaffEmail">That account's email as stored; null when there is none.</param>
public sealed record StaffCredentialCheck(StaffSignInOutcome Outcome, Guid? StaffId = null, string? StaffEmail = null);
