using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Options;
using Pilito.Application.Auth.SigningKeys;
using Pilito.Infrastructure.Security;
using Pilito.Infrastructure.Security.SigningKeys;

namespace Pilito.Web.Api;

/// <summary>Bearer JWTs for the API, from the Authorization header or the HTTP_ACCESS cookie.</summary>
public static class ApiAuthentication
{
    public const string Policy = "Api";

    /// <summary>The Django service's 401 texts (DRF, simplejwt): no token at all, or one that does not validate.</summary>
    public const string NoCredentials = "Authentication credentials were not provided.";

    public const string InvalidToken = "Given token not valid for any token type";

    public static void AddApiAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>, TimeProvider, SigningKeyManager, EcdsaKeyCache>((jwt, auth, clock, ring, ecdsa) =>
            {
                jwt.MapInboundClaims = false; // keep "sub" as "sub"
                jwt.TokenValidationParameters = AccessTokenSigning.ValidationParameters(auth.Value, clock);
                if (auth.Value.UsesEs256)
                {
                    jwt.ConfigurationManager = new SigningKeyConfigurationManager(ring, ecdsa, auth.Value.Issuer);
                }

                jwt.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context =>
                    {
                        if (string.IsNullOrEmpty(context.Request.Headers.Authorization))
                            context.Token = AccessTokenCookie.ReadToken(context.Request);
                        return Task.CompletedTask;
                    },
                    OnChallenge = async context =>
                    {
                        context.HandleResponse();
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        context.Response.Headers.WWWAuthenticate = "Bearer";
                        var detail = context.AuthenticateFailure is null && context.Error is null ? NoCredentials : InvalidToken;
                        await context.Response.WriteAsJsonAsync(ChallengeBody(detail));
                    },
                };
            });
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireClaim("sub"));
    }

    /// <summary>The body of a bearer challenge (401); the OpenAPI document shows the same.</summary>
    internal static Dictionary<string, string> ChallengeBody(string detail) => new() { ["detail"] = detail };
}
