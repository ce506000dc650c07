using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace Pilito.Infrastructure.Sms.SmsIr;

/// <summary>
/// Calls sms.ir's REST API v1: JSON to {BaseUrl}{path} with the key in the X-API-KEY header. Its HTTP logging is off,
/// as Kavenegar's is: no request detail of a provider call reaches a log.
/// </summary>
public sealed class SmsIrClient(IHttpClientFactory clients, IOptions<SmsIrOptions> options)
{
    /// <summary>For calls that may send an SMS: retried only when nothing can have been sent.</summary>
    public const string SendingClient = "smsir-send";

    /// <summary>For read-only calls (credit, reports): retried on any transient fault.</summary>
    public const string ReadingClient = "smsir-read";

    public const string Name = "sms.ir";

    /// <param name="json">The body of a POST; null for a GET.</param>
    public async Task<SmsIrAnswer> CallAsync(string path, object? json, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var sends = json is not null;
        var http = clients.CreateClient(sends ? SendingClient : ReadingClient);
        using var request = new HttpRequestMessage(sends ? HttpMethod.Post : HttpMethod.Get, new Uri(settings.BaseUrl, path))
        {
            Content = sends ? JsonContent.Create(json) : null,
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.TryAddWithoutValidation("X-API-KEY", settings.ApiKey?.Trim() ?? throw new InvalidOperationException("SmsIr:ApiKey is not set."));

        using var response = await SmsProviderHttp.SendAsync(http, request, Name, settings.Timeout, cancellationToken);
        var httpStatus = (int)response.StatusCode;
        var body = await SmsProviderHttp.ReadBodyAsync(response, Name, cancellationToken);
        return SmsIrAnswer.TryParse(httpStatus, body) ?? throw SmsProviderHttp.Unreadable(Name, httpStatus);
    }
}
