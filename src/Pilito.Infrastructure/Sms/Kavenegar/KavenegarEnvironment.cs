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
        options.ApiKey = options.ApiKey?.Trim();
        options.Sender = options.Sender.Trim();
    }
}
