using Pilito.Domain.Accounts;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Application.Common.Ports;

/// <summary>
/// What a verification reads and changes inside its transaction (see <see cref="IVerificationRounds"/>). Changes
/// made to a token it returns, and what is added, are saved when the work ends.
/// </summary>
public interface IVerificationRound
{
    /// <summary>The phone's failed verifications since <paramref name="since"/>, counted up to <paramref name="max"/>.</summary>
    Task<int> CountFailuresSinceAsync(PhoneNumber phone, DateTimeOffset since, int max, CancellationToken cancellationToken);

    Task<OtpToken?> FindNewestTokenAsync(PhoneNumber phone, CancellationToken cancellationToken);

    /// <summary>Records a failed verification (wrong, expired or missing code) for the hourly cap.</summary>
    void RecordFailure(PhoneNumber phone, DateTimeOffset at);

    /// <summary>Finds the phone's account, creating it (phone confirmed) on first sign-in; records the sign-in.</summary>
    Task<UserSignIn> SignInAsync(PhoneNumber phone, DateTimeOffset now, CancellationToken cancellationToken);

    void AddRefreshToken(RefreshToken token);
}
