using Pilito.Application.Common.Options;

namespace Pilito.Web.Configuration;

/// <summary>
/// Options of the Otp, Auth and Challenge sections. Development runs with built-in secrets so the server starts with no
/// settings; every other environment must be given them and refuses to start without, naming the setting.
/// </summary>
internal static class SecretsSetup
{
    // Public by design: they protect nothing but a developer's own machine.
    private const string DevelopmentSigningKey = "pilito-development-signing-key-not-for-production-use";
    private const string DevelopmentHashKey = "pilito-development-otp-hash-key";
    private const string DevelopmentChallengeKey = "pilito-development-challenge-key-not-for-production";
    private const int MinHashKeyLength = 16;

    public static void AddPilitoOptions(this IServiceCollection services, IHostEnvironment environment)
    {
        var development = environment.IsDevelopment();
        services.AddOptions<OtpOptions>().BindConfiguration(OtpOptions.Section)
            .PostConfigure(o =>
            {
                o.RevealCodes ??= development;
                if (development && string.IsNullOrWhiteSpace(o.HashKey))
                    o.HashKey = DevelopmentHashKey;
            })
            .ValidateDataAnnotations()
            .Validate(o => o.HashKey is { Length: >= MinHashKeyLength },
                $"Otp:HashKey is required (at least {MinHashKeyLength} characters); set it with the Otp__HashKey environment variable.")
            .Validate(o => !(environment.IsProduction() && o.ShouldRevealCodes),
                "Otp:RevealCodes must not be on in Production: it returns codes in the API answer.")
            .ValidateOnStart();

        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section)
            .PostConfigure(o =>
            {
                // Only for HS256: with ES256 a set key means "still accept its tokens", and a public one must never.
                if (development && o.UsesHs256 && string.IsNullOrWhiteSpace(o.SigningKey))
                    o.SigningKey = DevelopmentSigningKey;
            })
            .ValidateDataAnnotations()
            .Validate(o => o.UsesEs256 || o.UsesHs256,
                $"Auth:SigningAlgorithm must be {AuthOptions.Es256} or {AuthOptions.Hs256}.")
            // Required for HS256; with ES256 optional, but a key given must still be a real one.
            .Validate(o => o.SigningKey is { Length: >= AuthOptions.MinSigningKeyLength } || (o.UsesEs256 && string.IsNullOrEmpty(o.SigningKey)),
                $"Auth:SigningKey is required with HS256 (at least {AuthOptions.MinSigningKeyLength} characters); set it with the Auth__SigningKey environment variable.")
            .ValidateOnStart();

        services.AddOptions<ChallengeOptions>().BindConfiguration(ChallengeOptions.Section)
            .PostConfigure(o =>
            {
                if (development && string.IsNullOrWhiteSpace(o.HmacKey))
                    o.HmacKey = DevelopmentChallengeKey;
            })
            .ValidateDataAnnotations()
            .Validate(o => !o.Enabled || o.HmacKey is { Length: >= ChallengeOptions.MinHmacKeyLength },
                $"Challenge:HmacKey is required when Challenge:Enabled is on (at least {ChallengeOptions.MinHmacKeyLength} characters); set it with the Challenge__HmacKey environment variable.")
            // One key, one use: a challenge signature must never double as an access-token signature. The settings as
            // given, not their options: reading those would add their own failures to this one.
            .Validate<IConfiguration>(
                (o, config) => !o.Enabled || (o.HmacKey != config["Auth:SigningKey"] && o.HmacKey != config["Otp:HashKey"]),
                "Challenge:HmacKey must differ from Auth:SigningKey and Otp:HashKey.")
            .ValidateOnStart();
    }
}
