namespace Pilito.Web.Api.OpenApi;

/// <summary>The API's tags, each with the description the OpenAPI document gives it.</summary>
public static class ApiTags
{
    public const string Otp = "OTP";
    public const string Account = "Account";
    public const string TokenVerification = "Token verification";

    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        [Otp] = "Sign in with an Iranian mobile number: ask for a one-time code (SMS or voice call), then send it back for tokens.",
        [Account] = "The signed-in account and its tokens: refresh, sign out, sign out everywhere, who am I.",
        [TokenVerification] = "Public keys and discovery, for other services that verify Pilito's access tokens (ES256) without a shared secret.",
    };
}
