using Pilito.Application.Common.Writes;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Application.Otp.VerifyOtp;

/// <summary>A typed code, as every verification (a sign-in, a phone change) checks it (<see cref="CodeCheck"/>).</summary>
/// <param name="VerificationId">The handle the code request was answered with; null from old clients.</param>
/// <param name="PhoneChangeAccountId">The purpose: null for a sign-in, the account to move for a phone change.</param>
public sealed record CodeAttempt(
    PhoneNumber Phone, byte[] CodeHash, DateTimeOffset At, ClientNetwork Network, string? VerificationId, Guid? PhoneChangeAccountId = null)
{
    public VerifyAttempt Kind => VerificationId is null ? VerifyAttempt.WithoutId : VerifyAttempt.WithId;
}
