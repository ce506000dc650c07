using Microsoft.Extensions.Configuration;

namespace Pilito.Infrastructure.Sms.Kavenegar;

/// <summary>The names the setup guide's .env uses, next to the Kavenegar__* names.</summary>
internal static class KavenegarEnvironment
{
    public const string ApiKeyVariable = "KAVENEGAR_API_KEY";
    public const string SenderVariable = "KAVENEGAR_SENDER";

    public static void Apply(KavenegarOptions options, IConfiguration configuration)
    {
        if (!options.HasApiKey && configuration[ApiKeyVariable] is { } key)
            options.ApiKey = key;
        if (configuration[SenderVariable] is { Length: > 0 } sender && configuration[$"{KavenegarOptions.Section}:{nameof(KavenegarOptions.Sender)}"] is null)
            options.Sender = sender;
        var cleaned = Clean(options.ApiKey);
        options.ApiKeyWasCleaned = cleaned != options.ApiKey;
        options.ApiKey = cleaned;
        options.Sender = options.Sender.Trim();
    }

    // The guide's "extra spaces or characters" case: a key pasted with spaces or quotes around it.
    private static string? Clean(string? key)
    {
        if (key is null)
            return null;
        var cleaned = key.Trim();
        while (cleaned.Length >= 2 && cleaned[0] is '"' or '\'' or '`' && cleaned[^1] == cleaned[0])
            cleaned = cleaned[1..^1].Trim();
        return cleaned.Length == 0 ? null : cleaned;
    }
}
