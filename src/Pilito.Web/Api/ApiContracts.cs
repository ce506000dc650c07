using System.Text.Json.Serialization;
using Pilito.Application.Auth.Sessions;
using Pilito.Application.Common.Ports;
using Pilito.Application.Otp.RequestOtp;

namespace Pilito.Web.Api;

// Bodies as the Django service sent and received them; serialized snake_case.

/// <param name="Altcha">Optional: the solved challenge (ALTCHA payload, base64) after a 428 answer.</param>
/// <param name="Channel">Optional: <c>"sms"</c> (the default) or <c>"call"</c>, a voice call that reads the code out.</param>
/// <param name="Language">Optional: the SMS's language tag (<c>"fa"</c>, <c>"en"</c>); unknown tags fall back, see docs/api.md.</param>
public sealed record RequestOtpBody(string PhoneNumber, string? Altcha, string? Channel, string? Language);

/// <summary>The 428 answer: what to solve before sending the request again (ALTCHA's challenge, as its widget reads it).</summary>
public sealed record ChallengeRequiredResponse(string Detail, AltchaChallengeResponse Challenge);

public sealed record AltchaChallengeResponse(
    string Algorithm,
    string Challenge,
    [property: JsonPropertyName("maxnumber")] int MaxNumber,
    string Salt,
    string Signature)
{
    public static AltchaChallengeResponse From(ProofOfWorkChallenge challenge)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        return new(challenge.Algorithm, challenge.Challenge, challenge.MaxNumber, challenge.Salt, challenge.Signature);
    }
}

/// <param name="VerificationId">Optional: the <c>verification_id</c> the code request was answered with.</param>
/// <param name="CreateUser">Optional: false to sign in only to an existing account (403 for a phone with none).</param>
public sealed record VerifyOtpBody(string PhoneNumber, string Code, string? VerificationId, bool? CreateUser = null);

public sealed record RefreshTokenBody(string RefreshToken);

/// <param name="VerificationId">Optional: the <c>verification_id</c> the phone-change request was answered with.</param>
public sealed record VerifyPhoneChangeBody(string PhoneNumber, string Code, string? VerificationId);

/// <param name="OtherSessionsEnded">How many other sessions (refresh-token chains) of the account were signed out.</param>
public sealed record PhoneChangedResponse(string Message, UserResponse User, int OtherSessionsEnded);

public sealed record RequestOtpResponse(
    string Message,
    string PhoneNumber,
    int ExpiresIn,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Code,
    string VerificationId)
{
    public static RequestOtpResponse From(RequestOtpResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new("OTP sent successfully", result.Phone.E164, (int)result.ExpiresIn.TotalSeconds, result.Code, result.VerificationId);
    }
}

public sealed record UserResponse(Guid Id, string PhoneNumber, DateTimeOffset DateJoined)
{
    public static UserResponse From(UserAccount user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.Id, user.PhoneNumber, user.DateJoined);
    }
}

public sealed record TokenPairResponse(string AccessToken, string RefreshToken, string TokenType, int ExpiresIn)
{
    public static TokenPairResponse From(Session session, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new(session.Access.Value, session.RefreshToken, "Bearer", (int)(session.Access.ExpiresAt - now).TotalSeconds);
    }
}

public sealed record SignInResponse(
    string AccessToken,
    string RefreshToken,
    string TokenType,
    int ExpiresIn,
    bool IsNewUser,
    UserResponse User);
