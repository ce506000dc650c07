namespace Pilito.Domain.Otp;

/// <summary>How a code reaches the phone. Stored by name; tokens from before channels existed are SMS.</summary>
public enum OtpChannel
{
    /// <summary>A text message (the default).</summary>
    Sms,

    /// <summary>A voice call that reads the code out (Kavenegar: verify/lookup type=call, or call/maketts).</summary>
    Call,
}
