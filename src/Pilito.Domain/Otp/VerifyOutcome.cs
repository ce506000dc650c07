namespace Pilito.Domain.Otp;

public enum VerifyOutcome
{
    Verified,
    WrongCode,
    Expired,
    Locked,

    /// <summary>Not sent, already used, superseded, failed or revoked.</summary>
    NotUsable,
}
