namespace Pilito.Application.Admin.InvalidateOtpToken;

public enum InvalidateOtpTokenOutcome
{
    Invalidated,

    /// <summary>Already verified, expired, superseded, failed, locked or revoked: nothing to do.</summary>
    AlreadySettled,

    NotFound,
}
