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
                        var detail = context.AuthenticateFailure is null && context.Error is null
                            ? "Authentication credentials were not provided."
                            : "Given token not valid for any token type";
                        await context.Response.WriteAsJsonAsync(new Dictionary<string, string> { ["detail"] = detail });
                    },
                };
            });
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireClaim("sub"));
    }
}
