namespace Pilito.Domain.Otp;

/// <summary>Whether a verification attempt carried the verification id its code request was answered with.</summary>
public enum VerifyAttempt
{
    /// <summary>Only the phone and the code: an old client, or anyone who knows the phone number.</summary>
    WithoutId,

    /// <summary>The code request's verification id came with the code: the attempt is the requester's.</summary>
    WithId,
}
