using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Ports;

namespace Pilito.Infrastructure.Sms.SmsIr;

internal static class SmsIrSetup
{
    public const string ApiKeyVariable = "SMSIR_API_KEY";

    /// <summary>sms.ir's settings, checked at start whether or not it is listed (a wrong value is wrong either way), and its two clients.</summary>
    public static void AddSmsIr(this IServiceCollection services)
    {
        services.AddOptions<SmsIrOptions>().BindConfiguration(SmsIrOptions.Section)
            .PostConfigure<IConfiguration>((o, configuration) =>
            {
                if (!o.HasApiKey && configuration[ApiKeyVariable] is { } key)
                    o.ApiKey = key;
                o.ApiKey = string.IsNullOrWhiteSpace(o.ApiKey) ? null : o.ApiKey.Trim();
            })
            .ValidateDataAnnotations()
            .Validate(o => o.BaseUrl is { IsAbsoluteUri: true, Scheme: "http" or "https" },
                "SmsIr:BaseUrl must be an absolute http or https address (e.g. https://api.sms.ir/v1/).")
            // The key goes into a header: a line break in it would add headers of its own.
            .Validate(o => !o.HasApiKey || o.ApiKey!.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '=' or '.' or '+' or '/'),
                "SmsIr:ApiKey (SMSIR_API_KEY) must be the key from the sms.ir panel: letters and digits, no spaces.")
            .Validate(o => !o.HasApiKey || o.TemplateId is not null,
                "SmsIr:TemplateId must be set with SmsIr:ApiKey: the id of the panel template that carries the code.")
            .ValidateOnStart();
        services.AddOptions<SmsOptions>()
            .Validate<IOptions<SmsIrOptions>>((sms, smsIr) => !sms.InOrder.Contains(SmsProvider.SmsIr) || smsIr.Value.HasApiKey,
                "SmsIr is listed in Sms:Providers but SmsIr:ApiKey (SMSIR_API_KEY) is not set.");

        foreach (var sends in new[] { true, false })
        {
            services.AddHttpClient(sends ? SmsIrClient.SendingClient : SmsIrClient.ReadingClient,
                    http => http.Timeout = Timeout.InfiniteTimeSpan) // the resilience pipeline's timeout governs
                .RemoveAllLoggers()
                .AddSmsProviderResilience(sends, HttpStatusCode.TooManyRequests, // sms.ir's 429: too many requests, nothing sent
                    sp => sp.GetRequiredService<IOptions<SmsIrOptions>>().Value.Timeout);
        }

        services.AddSingleton<SmsIrClient>();
        services.AddSingleton<SmsIrAccount>();
        services.AddSingleton<ISmsDiagnostics, SmsIrDiagnostics>();
        services.AddSingleton<ISmsDeliveryTracker, SmsIrDeliveryTracker>();
        services.AddScoped<SmsIrSmsSender>();
    }
}
