using Microsoft.Extensions.Options;

namespace Pilito.Infrastructure.Sms.Kavenegar;

/// <summary>The Kavenegar calls Pilito makes, each answered with a <see cref="KavenegarResult"/>, never an exception.</summary>
public sealed class KavenegarGateway(KavenegarClient client, IOptions<KavenegarOptions> options, TimeProvider clock)
{
    public const string SendMethod = "sms/send";
    public const string LookupMethod = "verify/lookup";
    public const string TextToSpeechCallMethod = "call/maketts";

    /// <summary>Free text from the sender line.</summary>
    public Task<KavenegarResult> SendAsync(string receptor, string message, CancellationToken cancellationToken) =>
        CallAsync(SendMethod, sends: true, cancellationToken,
            ("receptor", receptor), ("sender", options.Value.Sender), ("message", message));

    /// <summary>
    /// A panel-approved template with the code as its token: Kavenegar's recommended way to send OTPs. With
    /// <paramref name="call"/> Kavenegar reads the template out in a voice call (type=call; 428 when it cannot call).
    /// </summary>
    public Task<KavenegarResult> LookupAsync(string receptor, string token, bool call, CancellationToken cancellationToken) =>
        LookupAsync(receptor, token, call, new KavenegarLookupTokens(null, null), cancellationToken);

    /// <summary>The same, with the template's %token2% and %token3% filled when they are given.</summary>
    public Task<KavenegarResult> LookupAsync(string receptor, string token, bool call, KavenegarLookupTokens extra, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(extra);
        var form = new List<(string Name, string Value)>
        {
            ("receptor", receptor), ("template", options.Value.Template ?? string.Empty), ("token", token),
        };
        if (extra.Token2 is { } token2)
            form.Add(("token2", token2));
        if (extra.Token3 is { } token3)
            form.Add(("token3", token3));
        form.Add(("type", call ? "call" : "sms"));
        return CallAsync(LookupMethod, sends: true, cancellationToken, [.. form]);
    }

    /// <summary>A voice call that reads <paramref name="message"/> out (text to speech); answered like sms/send.</summary>
    public Task<KavenegarResult> MakeTtsCallAsync(string receptor, string message, CancellationToken cancellationToken) =>
        CallAsync(TextToSpeechCallMethod, sends: true, cancellationToken, ("receptor", receptor), ("message", message));

    /// <summary>Credit and expiry; sends nothing, so it doubles as a key check.</summary>
    public Task<KavenegarResult> AccountInfoAsync(CancellationToken cancellationToken) =>
        CallAsync("account/info", sends: false, cancellationToken);

    public Task<KavenegarResult> StatusAsync(string messageId, CancellationToken cancellationToken) =>
        CallAsync("sms/status", sends: false, cancellationToken, ("messageid", messageId));

    private async Task<KavenegarResult> CallAsync(string method, bool sends, CancellationToken cancellationToken, params (string Name, string Value)[] form)
    {
        var started = clock.GetTimestamp();
        try
        {
            var answer = await client.CallAsync(method + ".json", form.Select(f => KeyValuePair.Create(f.Name, f.Value)), sends, cancellationToken);
            return new KavenegarResult(method, answer, null, null, clock.GetElapsedTime(started));
        }
        catch (SmsProviderCallException e)
        {
            return new KavenegarResult(method, null, e.Failure, e.Message, clock.GetElapsedTime(started));
        }
    }
}
