using Pilito.Application.Otp.RequestOtp;
using Pilito.Domain.Phones;
using static Pilito.Web.Api.OpenApi.DocumentedAnswer;

namespace Pilito.Web.Api.OpenApi;

/// <summary>Sample success bodies, made by the same response types (and factories) the endpoints use.</summary>
public static class ApiExamples
{
    private const string AccessToken = "eyJhbGciOiJFUzI1NiIsImtpZCI6IjRrX2ZkS1Z6In0.eyJzdWIiOiI3YjJkIn0.c2lnbmF0dXJl";
    private const string RefreshToken = "q3Vd8kQyR1m0bT9xZc2L7pW4sN6hJ5gF1aE8uY0oI3k";
    private const string CookieSet = "HTTP_ACCESS=Bearer%20<access_token> (URL-encoded); expires=<its expiry>; path=/; secure; samesite=lax; httponly " +
        "(Secure outside Development): browser apps are signed in without handling the token.";

    private const string CookieDeleted = "HTTP_ACCESS=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/; secure; samesite=lax; httponly: " +
        "the browser drops the access token cookie.";

    private static readonly UserResponse User = new(
        Guid.Parse("7b2d4c1e-9a3f-4e6b-8c5d-1f0a2b3c4d5e"), "+989123456789", new DateTimeOffset(2026, 12, 1, 10, 15, 0, TimeSpan.Zero));

    public static readonly DocumentedAnswer OtpSent = Success("sent",
        "The code is on its way. \"code\" is present only with Otp:RevealCodes (Development).",
        RequestOtpResponse.From(new RequestOtpResult(PhoneNumber.Parse("09123456789"), TimeSpan.FromMinutes(5), null,
            "LX6EFaEL3dQ0m9bXw2VfK8cR1tZpY4sG7hN5jA0uB3e")));

    public static readonly DocumentedAnswer SignedIn = Success("signed_in",
        "Signed in (is_new_user: the account was created now); also sets the HTTP_ACCESS cookie.",
        new SignInResponse(AccessToken, RefreshToken, "Bearer", 900, true, User), setCookie: CookieSet);

    public static readonly DocumentedAnswer Refreshed = Success("refreshed",
        "A new token pair; the refresh token sent is spent. Also sets the HTTP_ACCESS cookie.",
        new TokenPairResponse(AccessToken, RefreshToken, "Bearer", 900), setCookie: CookieSet);

    public static readonly DocumentedAnswer Me = Success("user", "The signed-in account.", User);

    public static readonly DocumentedAnswer PhoneChanged = Success("moved",
        "The account now has the new number; every other session of it ended (other_sessions_ended counts them).",
        new PhoneChangedResponse("Phone number changed successfully", User, 2));

    public static readonly DocumentedAnswer SignedOut = Success("signed_out",
        "Signed out (also for an unknown or spent token); the HTTP_ACCESS cookie is deleted.", null, StatusCodes.Status204NoContent,
        CookieDeleted);

    public static readonly DocumentedAnswer SignedOutEverywhere = Success("signed_out_everywhere",
        "Every refresh token of the account is refused from now on; the HTTP_ACCESS cookie is deleted.", null, StatusCodes.Status204NoContent,
        CookieDeleted);

    public static readonly DocumentedAnswer Keys = Success("es256", "The published ES256 keys ({\"keys\": []} with HS256).",
        new JsonWebKeySet([new JsonWebKeyBody("EC", "sig", "ES256", "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", "P-256",
            "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0")]));

    public static readonly DocumentedAnswer Discovery = Success("discovery", "Issuer and JWKS address.",
        new DiscoveryDocument("https://auth.example.ir", "https://auth.example.ir" + WellKnownEndpoints.JwksPath));
}
