using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace Pilito.Infrastructure.Sms.Kavenegar;

/// <summary>
/// Calls Kavenegar's REST API: POST a UTF-8 form to {BaseUrl}v1/{key}/{scope}/{method}.json. The key is a path
/// segment, so this client's HTTP logging is off and no URL ever reaches a log or an exception.
/// </summary>
public sealed class KavenegarClient(IHttpClientFactory clients, IOptions<KavenegarOptions> options)
{
    /// <summary>For calls that may send an SMS: retried only when nothing can have been sent.</summary>
    public const string SendingClient = "kavenegar-send";

    /// <summary>For read-only calls (account/info, sms/status): retried on any transient fault.</summary>
    public const string ReadingClient = "kavenegar-read";

    private const string Name = "Kavenegar";

    public async Task<KavenegarAnswer> CallAsync(string scopeAndMethod, IEnumerable<KeyValuePair<string, string>> form, bool sends, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var http = clients.CreateClient(sends ? SendingClient : ReadingClient);
        var key = settings.ApiKey?.Trim() ?? throw new InvalidOperationException("Kavenegar:ApiKey is not set.");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.BaseUrl, $"v1/{Uri.EscapeDataString(key)}/{scopeAndMethod}"))
        {
            Content = new FormUrlEncodedContent(form),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var response = await SmsProviderHttp.SendAsync(http, request, Name, settings.Timeout, cancellationToken);
        var httpStatus = (int)response.StatusCode;
        var body = await SmsProviderHttp.ReadBodyAsync(response, Name, cancellationToken);
        return KavenegarAnswer.TryParse(httpStatus, body) ?? throw SmsProviderHttp.Unreadable(Name, httpStatus);
    }
}
