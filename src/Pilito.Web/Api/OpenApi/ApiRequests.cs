namespace Pilito.Web.Api.OpenApi;

/// <summary>Sample request bodies, in the forms apps send (docs/api.md lists every accepted variant).</summary>
public static class ApiRequests
{
    private const string VerificationId = "LX6EFaEL3dQ0m9bXw2VfK8cR1tZpY4sG7hN5jA0uB3e";
    private const string RefreshToken = "q3Vd8kQyR1m0bT9xZc2L7pW4sN6hJ5gF1aE8uY0oI3k";

    public static readonly DocumentedRequest[] RequestOtp =
    [
        new("sms", "A code by SMS; any accepted phone format (+989…, 989…, 09…, 00989…, Persian digits).",
            new Dictionary<string, object?> { ["phone_number"] = "09123456789" }),
        new("call", "A code read out by a voice call, the SMS language chosen explicitly.",
            new Dictionary<string, object?> { ["phone_number"] = "+989123456789", ["channel"] = "call", ["language"] = "fa" }),
        new("after_challenge", "Sent again after a 428, with the solved ALTCHA challenge (base64 JSON).",
            new Dictionary<string, object?> { ["phone_number"] = "09123456789", ["altcha"] = "eyJhbGdvcml0aG0iOiJTSEEtMjU2IiwibnVtYmVyIjo0MjB9" }),
    ];

    public static readonly DocumentedRequest[] VerifyOtp =
    [
        new("sign_in", "The code, with the verification_id its request was answered with.",
            new Dictionary<string, object?> { ["phone_number"] = "09123456789", ["code"] = "482193", ["verification_id"] = VerificationId }),
        new("existing_account_only", "Log in only: no account is created for an unknown phone (403).",
            new Dictionary<string, object?> { ["phone_number"] = "09123456789", ["code"] = "482193", ["create_user"] = false }),
    ];

    public static readonly DocumentedRequest[] PhoneChange =
    [
        new("new_number", "The number the signed-in account moves to (any accepted format); channel and language as for /otp.",
            new Dictionary<string, object?> { ["phone_number"] = "09121112233" }),
    ];

    public static readonly DocumentedRequest[] VerifyPhoneChange =
    [
        new("move", "The code sent to the new number, with the verification_id its request was answered with.",
            new Dictionary<string, object?> { ["phone_number"] = "09121112233", ["code"] = "482193", ["verification_id"] = VerificationId }),
    ];

    public static readonly DocumentedRequest[] WithRefreshToken =
    [
        new("refresh_token", "The refresh token of the last sign-in or refresh.", new Dictionary<string, object?> { ["refresh_token"] = RefreshToken }),
    ];
}
