using Pilito.Application.Common.Writes;

namespace Pilito.Application.Admin.SignInStaff;

/// <summary>One attempt counted as a failure in advance (see <see cref="StaffSignInThrottle"/>), unless it was refused.</summary>
/// <param name="RetryAfter">Set when the limits refused the attempt: how long until the next one may be made.</param>
public sealed record StaffSignInReservation(CountScope Address, CountScope Account, DateTimeOffset At, ClientNetwork Network, TimeSpan? RetryAfter = null);
