using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Ports;
using Polly.CircuitBreaker;
using Polly.Timeout;

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

    private const int MaxBodyChars = 64 * 1024;

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

        using var response = await SendAsync(http, request, settings.Timeout, cancellationToken);
        var httpStatus = (int)response.StatusCode;
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new KavenegarCallException(SmsFailureKind.Unavailable, Invariant($"Kavenegar's answer broke off (HTTP {httpStatus})"));
        }
        catch (InvalidOperationException)
        {
            // A Content-Type naming a charset .NET does not know: the body cannot be decoded.
            throw new KavenegarCallException(SmsFailureKind.Unavailable, Invariant($"Kavenegar answered HTTP {httpStatus} with an unreadable body"));
        }

        if (body.Length > MaxBodyChars)
            throw new KavenegarCallException(SmsFailureKind.Unavailable, Invariant($"Kavenegar answered HTTP {httpStatus} with an oversized body"));
        return KavenegarAnswer.TryParse(httpStatus, body)
            ?? throw new KavenegarCallException(SmsFailureKind.Unavailable, Invariant($"Kavenegar answered HTTP {httpStatus} with an unreadable body"));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new KavenegarCallException(SmsFailureKind.Unavailable, $"Kavenegar could not be reached ({Describe(e)})");
        }
        catch (BrokenCircuitException)
        {
            throw new KavenegarCallException(SmsFailureKind.Unavailable, "Kavenegar is failing; calls are paused for a moment");
        }
        catch (Exception e) when (e is TimeoutRejectedException || e is TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new KavenegarCallException(SmsFailureKind.Timeout, Invariant($"Kavenegar did not answer within {timeout.TotalSeconds:0.#} seconds"));
        }
    }

    private static string Describe(HttpRequestException e) => e.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError => "DNS lookup failed",
        HttpRequestError.ConnectionError when e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "connection refused",
        HttpRequestError.ConnectionError => "connection failed",
        HttpRequestError.SecureConnectionError => "TLS handshake failed",
        HttpRequestError.ResponseEnded => "connection closed before an answer",
        HttpRequestError.InvalidResponse => "invalid HTTP answer",
        _ => "network error",
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
