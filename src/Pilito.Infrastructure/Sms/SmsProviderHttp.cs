using System.Globalization;
using System.Net.Sockets;
using Pilito.Application.Common.Ports;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Pilito.Infrastructure.Sms;

/// <summary>
/// One HTTP exchange with an SMS provider, every fault turned into a <see cref="SmsProviderCallException"/> that says
/// whether a message may have gone out: no connection or an open circuit sent nothing; a timeout or a broken-off
/// answer may have.
/// </summary>
internal static class SmsProviderHttp
{
    private const int MaxBodyChars = 64 * 1024;

    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient http, HttpRequestMessage request, string provider, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new SmsProviderCallException(NothingSent(e) ? SmsFailureKind.Unreachable : SmsFailureKind.Unavailable,
                $"{provider} could not be reached ({Describe(e)})");
        }
        catch (BrokenCircuitException)
        {
            throw new SmsProviderCallException(SmsFailureKind.Unreachable, $"{provider} is failing; calls are paused for a moment");
        }
        catch (Exception e) when (e is TimeoutRejectedException || e is TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new SmsProviderCallException(SmsFailureKind.Timeout, Invariant($"{provider} did not answer within {timeout.TotalSeconds:0.#} seconds"));
        }
    }

    /// <summary>The answer's text, bounded; a body that breaks off, cannot be decoded or is oversized is a fault.</summary>
    public static async Task<string> ReadBodyAsync(HttpResponseMessage response, string provider, CancellationToken cancellationToken)
    {
        var httpStatus = (int)response.StatusCode;
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new SmsProviderCallException(SmsFailureKind.Unavailable, Invariant($"{provider}'s answer broke off (HTTP {httpStatus})"));
        }
        catch (InvalidOperationException)
        {
            // A Content-Type naming a charset .NET does not know: the body cannot be decoded.
            throw Unreadable(provider, httpStatus);
        }

        if (body.Length > MaxBodyChars)
            throw new SmsProviderCallException(SmsFailureKind.Unavailable, Invariant($"{provider} answered HTTP {httpStatus} with an oversized body"));
        return body;
    }

    public static SmsProviderCallException Unreadable(string provider, int httpStatus) =>
        new(SmsFailureKind.Unavailable, Invariant($"{provider} answered HTTP {httpStatus} with an unreadable body"));

    /// <summary>The request never reached the provider's application: no connection, or no TLS session.</summary>
    public static bool NothingSent(HttpRequestException e) =>
        e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError;

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
