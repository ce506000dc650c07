using Microsoft.Extensions.Options;
using Pilito.Application.Common.Options;
using Pilito.Domain.Webhooks;

namespace Pilito.Web.Configuration;

/// <summary>
/// The Webhooks section, checked at start: a wrong address, secret or event name would otherwise show only as
/// deliveries that fail (or are never made) hours later. The messages name the setting, never its secret.
/// </summary>
internal static class WebhookSettings
{
    public const string SecretPrefix = "whsec_";

    // Standard Webhooks: secrets of 24 to 64 random bytes.
    private const int MinSecretBytes = 24;
    private const int MaxSecretBytes = 64;

    public static IServiceCollection AddWebhookSettings(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, EndpointsValidator>();
        return services;
    }

    private sealed class EndpointsValidator : IValidateOptions<WebhookOptions>
    {
        public ValidateOptionsResult Validate(string? name, WebhookOptions options)
        {
            var failures = new List<string>();
            for (var i = 0; i < options.Endpoints.Count; i++)
                failures.AddRange(Check(options.Endpoints[i], $"{WebhookOptions.Section}:Endpoints:{i}"));
            if (options.Endpoints.Select(e => e.Url).Distinct(StringComparer.Ordinal).Count() != options.Endpoints.Count)
                failures.Add("Webhooks:Endpoints lists one Url twice: give each receiver one entry, with all its events.");
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }

        private static IEnumerable<string> Check(WebhookEndpointOptions endpoint, string setting)
        {
            if (!Uri.TryCreate(endpoint.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.UserInfo.Length > 0)
                yield return $"{setting}:Url must be an absolute http or https address without credentials (e.g. https://app.example/hooks/pilito).";
            if (!IsSecret(endpoint.Secret))
                yield return $"{setting}:Secret must be a Standard Webhooks secret: {SecretPrefix} and {MinSecretBytes} to {MaxSecretBytes} bytes in base64.";
            foreach (var unknown in endpoint.Events.Where(e => !WebhookEventTypes.IsKnown(e)))
                yield return $"{setting}:Events has '{unknown}', not an event: {string.Join(", ", WebhookEventTypes.All)}.";
        }

        private static bool IsSecret(string? secret)
        {
            if (secret is null || !secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
                return false;
            var bytes = new byte[MaxSecretBytes + 3];
            return Convert.TryFromBase64String(secret[SecretPrefix.Length..], bytes, out var length) && length is >= MinSecretBytes and <= MaxSecretBytes;
        }
    }
}
