using Pilito.Domain.Otp;

namespace Pilito.Application.Otp.VerifyOtp;

public enum CodeRefusal
{
    None,

    /// <summary>The client network reached Otp:MaxVerifyFailuresPerIpPerHour.</summary>
    Address,

    /// <summary>The phone reached its hourly or daily cap of failures without a verification id.</summary>
    Phone,
}

/// <summary>What <see cref="CodeCheck"/> found: the code's outcome, or the cap that refused the attempt unchecked.</summary>
/// <param name="Operator">The verified code's mobile operator, as recorded when it was requested.</param>
public sealed record CheckedCode(VerifyOutcome Outcome, CodeRefusal Refusal = CodeRefusal.None, DateTimeOffset? FreesUpAt = null, string? Operator = null)
{
    public bool Verified => Outcome == VerifyOutcome.Verified;

    /// <summary>The verified code's token, as the write found it; null unless verified.</summary>
    public OtpToken? Token { get; init; }

    public static CheckedCode Refused(CodeRefusal refusal, DateTimeOffset freesUpAt) => new(VerifyOutcome.NotUsable, refusal, freesUpAt);
}
