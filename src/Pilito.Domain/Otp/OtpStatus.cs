namespace Pilito.Domain.Otp;

public enum OtpStatus
{
    /// <summary>Saved; the SMS has not been handed to the provider yet.</summary>
    Pending = 0,

    /// <summary>The provider accepted the message.</summary>
    Sent = 1,

    /// <summary>The provider refused the message or could not be reached.</summary>
    SendFailed = 2,

    Verified = 3,
    Expired = 4,

    /// <summary>A newer code was issued for the same phone.</summary>
    Superseded = 5,

    /// <summary>Too many wrong codes were tried.</summary>
    Locked = 6,

    /// <summary>Invalidated by staff.</summary>
    Revoked = 7,
}
