using FluentValidation;
using FluentValidation.Results;
using Pilito.Application.Common;
using Pilito.Application.Common.Errors;
using Pilito.Application.Common.Ports;
using Pilito.Application.Otp.RequestOtp;
using static Pilito.Web.Api.OpenApi.DocumentedAnswer;

namespace Pilito.Web.Api.OpenApi;

/// <summary>
/// Every refusal the API documents, each made by the exception the server throws for it (or, for the bearer challenge,
/// by the same body builder), so a changed text changes the document too. The figures (minutes, seconds) are samples.
/// </summary>
public static class ApiAnswers
{
    public static readonly DocumentedAnswer[] JsonBody =
    [
        Refusal("not_json", "The body is not JSON (or not UTF-8, nested deeper than 16, or has a key twice).", JsonRequestBody.NotJson(1, 17)),
        Refusal("not_an_object", "The body is JSON but not an object.", JsonRequestBody.NotAnObject("list")),
        Refusal("too_large", "The body is over 4 KB.", JsonRequestBody.TooLarge()),
        // Refused by routing (the endpoint accepts application/json only) before JsonRequestBody could: the framework's shape.
        new(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "Content-Type is not JSON (trace_id names the request).",
            FrameworkProblem.UnsupportedMediaType("text/plain"), ContentType: FrameworkProblem.ContentType),
    ];

    public static readonly DocumentedAnswer DatabaseUnavailable = Refusal("database_unavailable",
        "The database cannot be reached, or stayed locked too long: nothing was done, try again.", new TimeoutException());

    public static readonly DocumentedAnswer Busy = Refusal("busy",
        "Too many writes waiting (Database:MaxQueuedWrites) or this one not taken in time: nothing was stored, try again after Retry-After.",
        new ServiceBusyException(TimeSpan.FromSeconds(2)));

    public static readonly DocumentedAnswer AddressLimited = Refusal("address_limited",
        "Too many requests from the client's network in the last hour.", new AddressRateLimitedException(TimeSpan.FromMinutes(17)));

    public static readonly DocumentedAnswer NoCredentials = new(StatusCodes.Status401Unauthorized, "no_credentials",
        "No access token (neither the Authorization header nor, for GET, the HTTP_ACCESS cookie).",
        ApiAuthentication.ChallengeBody(ApiAuthentication.NoCredentials));

    public static readonly DocumentedAnswer InvalidToken = new(StatusCodes.Status401Unauthorized, "invalid_token",
        "The access token is malformed, expired or not Pilito's.", ApiAuthentication.ChallengeBody(ApiAuthentication.InvalidToken));

    public static readonly DocumentedAnswer UnknownUser = Refusal("user_not_found", "The token's account no longer exists.", new UnknownUserException());

    public static readonly DocumentedAnswer AccountLocked = Refusal("account_locked", "Staff locked the account.", new AccountLockedException());

    public static readonly DocumentedAnswer[] RefreshTokenField =
    [
        Field("refresh_token_required", "refresh_token is missing or null.", "refresh_token", ValidationMessages.Required),
        Field("refresh_token_blank", "refresh_token is \"\".", "refresh_token", ValidationMessages.Blank),
        Field("refresh_token_not_a_string", "refresh_token is not a string.", "refresh_token", ValidationMessages.NotAString),
    ];

    public static readonly DocumentedAnswer InvalidRefreshToken = Refusal("token_not_valid",
        "The refresh token is unknown, used, revoked or expired (a reused one also revokes its whole chain).", new InvalidRefreshTokenException());

    public static readonly DocumentedAnswer[] OtpSend =
    [
        Field("invalid_phone", "Not an Iranian mobile number.", "phone_number", ValidationMessages.InvalidPhone),
        Field("phone_required", "phone_number is missing or null.", "phone_number", ValidationMessages.Required),
        Field("phone_blank", "phone_number is \"\".", "phone_number", ValidationMessages.Blank),
        Field("phone_not_a_string", "phone_number is a number, list, object or boolean.", "phone_number", ValidationMessages.NotAString),
        Field("invalid_channel", "channel is neither \"sms\" nor \"call\", or no provider can call.", "channel", ValidationMessages.InvalidChoice("fax")),
        Field("language_too_long", "language is longer than 35 characters.", "language", ValidationMessages.MaxLength(MessageLanguages.MaxTagLength)),
        Refusal("challenge_required", "Challenge:Enabled, a limit under pressure, and no solved, unspent challenge: solve it and send again with \"altcha\".",
            new ChallengeRequiredException(new ProofOfWorkChallenge("SHA-256",
                "4ad4d0b2a6c4a9e3fa2f1e6b3f0ce1e3c5a0ff7ad7a3a4f1b0f6e4c2d9a8b7c6", 50_000,
                "2f1d9c0a7b6e5d4c3b2a1f0e?expires=1764669600&",
                "9b2c5e0d1a7f4c3b8e6d2a1f0c9b8a7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a", DateTimeOffset.UnixEpoch))),
        Refusal("phone_limited", "Too many codes for this phone: Otp:MaxSendsPerWindow within Otp:SendWindow, its resend delay, or its daily limit.",
            new OtpRateLimitedException(TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(95))),
        AddressLimited,
        Refusal("provider_refused", "The SMS provider refused (its reason and code).",
            new SmsDeliveryFailedException(SmsFailureKind.Rejected, "Invalid API key (403)")),
        Refusal("provider_unreachable", "The SMS provider could not be reached or answered something unreadable.",
            new SmsDeliveryFailedException(SmsFailureKind.Unreachable, "Kavenegar could not be reached (connection refused)")),
        Refusal("provider_timeout", "The SMS provider did not answer within its timeout.",
            new SmsDeliveryFailedException(SmsFailureKind.Timeout, "Kavenegar did not answer within 10 seconds")),
        Refusal("sms_not_configured", "No SMS provider key is configured.", new SmsNotConfiguredException()),
        Refusal("sending_paused", "The service's hourly SMS budget (or the operator prefix's share) is spent.",
            new SmsBudgetExhaustedException(TimeSpan.FromMinutes(12))),
    ];

    /// <summary>What every code check answers (a sign-in's and a phone change's): the code, its fields, its caps.</summary>
    public static readonly DocumentedAnswer[] CodeCheck =
    [
        Refusal("invalid_code", "Wrong, expired, superseded or used code; no code for the phone; not 4–10 digits.", new InvalidOtpException()),
        Field("invalid_phone", "Not an Iranian mobile number.", "phone_number", ValidationMessages.InvalidPhone),
        Field("code_required", "code is missing or null (phone_number likewise).", "code", ValidationMessages.Required),
        Field("code_blank", "code is \"\".", "code", ValidationMessages.Blank),
        Field("code_not_a_string", "code is a number, list, object or boolean.", "code", ValidationMessages.NotAString),
        AccountLocked,
        Refusal("code_locked", "The code had Otp:MaxVerifyAttempts wrong attempts: request a new code.", new OtpLockedException()),
        Refusal("phone_cap_reached", "Without verification_id: too many failed verifications of this phone in the hour or day.",
            new VerifyCapReachedException(TimeSpan.FromMinutes(58))),
        AddressLimited,
    ];

    /// <summary>A sign-in's own answers beside the code check's.</summary>
    public static readonly DocumentedAnswer[] SignIn =
    [
        Field("create_user_not_a_boolean", "create_user is not true/false, 1/0 or those as text.", "create_user", ValidationMessages.NotABoolean),
        Refusal("no_account", "Right code for a phone with no account, with \"create_user\": false or Otp:AllowSignUp off.", new NoAccountException()),
    ];

    public static readonly DocumentedAnswer[] PhoneChangeRequest =
    [
        Refusal("same_number", "The number is the account's own: nothing is sent.", new SamePhoneNumberException()),
        UnknownUser,
        AccountLocked,
    ];

    public static readonly DocumentedAnswer[] PhoneChangeVerify =
    [
        Refusal("number_taken", "Another account has the number: nothing moved (the code is spent).", new PhoneNumberTakenException()),
        UnknownUser,
    ];

    private static DocumentedAnswer Field(string name, string summary, string field, string message) =>
        Refusal(name, summary, new ValidationException([new ValidationFailure(field, message)]));
}
