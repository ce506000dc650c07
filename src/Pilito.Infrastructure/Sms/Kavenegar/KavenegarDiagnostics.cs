using System.Globalization;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;
using Pilito.Domain.Sms;

namespace Pilito.Infrastructure.Sms.Kavenegar;

/// <summary>Kavenegar's checks behind check-otp-config, test-sms (test-kavenegar) and the admin diagnostics page.</summary>
internal sealed class KavenegarDiagnostics(
    KavenegarGateway gateway,
    KavenegarAccount account,
    IOptions<KavenegarOptions> kavenegar,
    IOptions<SmsOptions> sms,
    IOptions<OtpOptions> otp,
    TimeProvider clock) : ISmsDiagnostics
{
    private const string HowToSetKey = "add KAVENEGAR_API_KEY=<your key> to .env or the environment (or set Kavenegar__ApiKey); the key is in the Kavenegar panel under Settings → API key";
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private KavenegarOptions Settings => kavenegar.Value;

    public string Provider => KavenegarSmsSender.ProviderName;

    public IReadOnlyList<DiagnosticCheck> DescribeConfiguration()
    {
        var checks = new List<DiagnosticCheck>();
        if (!Settings.HasApiKey)
        {
            checks.Add(DiagnosticCheck.Error("API key", $"KAVENEGAR_API_KEY is not set: {HowToSetKey}"));
        }
        else
        {
            checks.Add(DiagnosticCheck.Ok("API key", $"set ({Settings.MaskedApiKey})"));
            checks.Add(DescribeKeyShape());
        }

        checks.Add(Settings.UsesLookup
            ? DiagnosticCheck.Ok("Send method", $"verify/lookup with template \"{Settings.Template}\" (Kavenegar's recommended path for OTP)")
            : DiagnosticCheck.Ok("Send method", "sms/send: free text from the sender line (set Kavenegar__Template to use verify/lookup)"));
        checks.Add(DescribeSender());
        if (!Settings.UsesLookup)
            checks.AddRange(DescribeTexts());
        checks.Add(DiagnosticCheck.Ok("Kavenegar endpoint", string.Create(Invariant, $"{Settings.BaseUrl} (timeout {Settings.Timeout.TotalSeconds:0.#} s)")));
        return checks;
    }

    /// <summary>
    /// Each SMS text as a phone receives it (with a sample code) and what it costs: the number of messages it is
    /// split into, each billed. (With a Kavenegar template the text is the panel's, not known here.)
    /// </summary>
    private IEnumerable<DiagnosticCheck> DescribeTexts()
    {
        var code = SampleCode();
        var texts = new List<(string Suffix, string Text)> { (string.Empty, sms.Value.RenderSms(code, null)) };
        texts.AddRange(sms.Value.TemplateLanguages.Order(StringComparer.Ordinal).Select(l => ($" ({l})", sms.Value.RenderSms(code, l))));
        foreach (var (suffix, text) in texts)
            yield return DescribeText("SMS text" + suffix, text);
        if (Settings.PricePerMessage is not { } price)
        {
            yield return DiagnosticCheck.Ok("SMS cost", "no estimate: set Kavenegar:PricePerMessage to the Rial Kavenegar bills per message (its panel's price list)");
            yield break;
        }

        foreach (var (suffix, text) in texts)
            yield return DescribeCost("SMS cost" + suffix, SmsSegments.Of(text).Count, price);
    }

    private static DiagnosticCheck DescribeCost(string name, int messages, long price) =>
        DiagnosticCheck.Ok(name, string.Create(Invariant,
            $"about {messages * price:N0} Rial a code ({messages} × {price:N0}), {messages * price * 1000:N0} Rial per 1,000 codes"));

    private static DiagnosticCheck DescribeText(string name, string text)
    {
        var segments = SmsSegments.Of(text);
        var shown = text.Replace("\n", " ⏎ ", StringComparison.Ordinal);
        var encoding = segments.Encoding == SmsEncoding.Gsm7 ? "GSM-7" : "UCS-2";
        return segments.Count == 1
            ? DiagnosticCheck.Ok(name, string.Create(Invariant, $"1 message ({encoding}, {segments.Length} of {segments.SingleLimit} characters): \"{shown}\""))
            : DiagnosticCheck.Warning(name, string.Create(Invariant,
                $"{segments.Count} messages, each billed ({encoding}, {segments.Length} characters, {segments.PartLimit} a part once split); shorten it to {segments.SingleLimit}: \"{shown}\""));
    }

    // The configured length when the OTP settings are valid (their own check names them when not).
    private string SampleCode()
    {
        int length;
        try
        {
            length = otp.Value.CodeLength;
        }
        catch (OptionsValidationException)
        {
            length = new OtpOptions().CodeLength;
        }

        return string.Concat(Enumerable.Range(1, length).Select(i => (char)('0' + (i % 10))));
    }

    public async Task<IReadOnlyList<DiagnosticCheck>> ProbeAsync(CancellationToken cancellationToken)
    {
        if (!Settings.HasApiKey)
            return [DiagnosticCheck.Error("Kavenegar", $"not probed without an API key: {HowToSetKey}")];

        var status = await account.GetStatusAsync(fresh: true, cancellationToken);
        if (!status.Answered)
            return [DiagnosticCheck.Error("Kavenegar reachable", $"{status.Problem}; check the network path to {Settings.BaseUrl}")];

        var checks = new List<DiagnosticCheck> { DiagnosticCheck.Ok("Kavenegar reachable", "account/info answered") };
        if (!status.KeyAccepted)
        {
            checks.Add(DiagnosticCheck.Error("API key accepted", $"{status.Problem}{KeyAdvice(status.ProviderStatus)}"));
            return checks;
        }

        checks.Add(DiagnosticCheck.Ok("API key accepted", "Approved (200)"));
        checks.Add(DescribeCredit(status));
        checks.Add(Settings.UsesLookup
            ? DiagnosticCheck.Ok("Sender line", "not used: verify/lookup sends from Kavenegar's template line")
            : DiagnosticCheck.Warning("Sender line", $"{Settings.Sender} cannot be checked without sending; prove it with: test-kavenegar --receptor <your number> --method send"));
        return checks;
    }

    public async Task<IReadOnlyList<SmsTestAttempt>> SendTestAsync(PhoneNumber receptor, SmsTestMethod method, string? message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receptor);
        if (!Settings.HasApiKey)
            return [new SmsTestAttempt(method.ToString().ToLowerInvariant(), false, null, null, $"KAVENEGAR_API_KEY is not set: {HowToSetKey}", null, null, null, TimeSpan.Zero)];
        var attempts = new List<SmsTestAttempt>();
        if (method is SmsTestMethod.Send or SmsTestMethod.Both)
        {
            var text = message ?? string.Create(Invariant, $"Pilito test message {clock.GetUtcNow():yyyy-MM-dd HH:mm:ss}Z");
            attempts.Add(ToAttempt(await gateway.SendAsync(receptor.National, text, cancellationToken)));
        }

        if (method is SmsTestMethod.Lookup or SmsTestMethod.Both)
        {
            attempts.Add(Settings.UsesLookup
                ? ToAttempt(await gateway.LookupAsync(receptor.National, OtpCode.Generate(6), call: false, cancellationToken))
                : new SmsTestAttempt(KavenegarGateway.LookupMethod, false, null, null,
                    "Kavenegar:Template is not set: verify/lookup needs a template approved in the Kavenegar panel", null, null, null, TimeSpan.Zero));
        }

        return attempts;
    }

    private DiagnosticCheck DescribeKeyShape()
    {
        var key = Settings.ApiKey!;
        if (Settings.ApiKeyWasCleaned)
            return DiagnosticCheck.Warning("API key shape", "had spaces or quotes around it (removed for you); remove them from .env or the environment");
        return key.Length >= 32 && key.Length % 2 == 0 && key.All(char.IsAsciiHexDigit)
            ? DiagnosticCheck.Ok("API key shape", string.Create(Invariant, $"{key.Length} hexadecimal characters, as Kavenegar issues keys"))
            : DiagnosticCheck.Warning("API key shape", string.Create(Invariant,
                $"{key.Length} characters, not the hexadecimal form Kavenegar issues: check that the whole key was copied"));
    }

    private DiagnosticCheck DescribeSender()
    {
        if (Settings.UsesLookup)
            return DiagnosticCheck.Ok("Sender line", "not used by verify/lookup");
        var sender = Settings.Sender;
        return sender.Length is >= 4 and <= 20 && sender.All(char.IsAsciiDigit)
            ? DiagnosticCheck.Ok("Sender line", $"{sender} (KAVENEGAR_SENDER or Kavenegar__Sender)")
            : DiagnosticCheck.Error("Sender line", $"\"{sender}\" is not a line number: set KAVENEGAR_SENDER to a line from the Kavenegar panel");
    }

    private DiagnosticCheck DescribeCredit(SmsAccountStatus status)
    {
        var now = clock.GetUtcNow();
        var expiry = status.ExpiresAt is { } at ? string.Create(Invariant, $", account valid until {at:yyyy-MM-dd}") : string.Empty;
        if (status.ExpiresAt is { } expired && expired <= now)
            return DiagnosticCheck.Error("Credit", string.Create(Invariant, $"account expired on {expired:yyyy-MM-dd}: renew it in the Kavenegar panel"));
        if (status.RemainingCredit is not { } credit)
            return DiagnosticCheck.Warning("Credit", status.Problem ?? "unknown");
        if (credit <= 0)
            return DiagnosticCheck.Error("Credit", "none left: every send fails with Insufficient credit (418); top up in the Kavenegar panel");
        return credit < Settings.LowCreditThreshold
            ? DiagnosticCheck.Warning("Credit", string.Create(Invariant, $"{credit:N0} Rial left, below Kavenegar:LowCreditThreshold ({Settings.LowCreditThreshold:N0}){expiry}"))
            : DiagnosticCheck.Ok("Credit", string.Create(Invariant, $"{credit:N0} Rial left{expiry}"));
    }

    private static string KeyAdvice(int? status) => status switch
    {
        403 => $": the key is wrong or was revoked; {HowToSetKey}",
        401 => ": the Kavenegar account is deactivated; contact Kavenegar support",
        _ => string.Empty,
    };

    private static SmsTestAttempt ToAttempt(KavenegarResult result) => new(
        result.Method,
        result.IsOk,
        result.Answer?.HttpStatus,
        result.Answer?.Status,
        result.Reason,
        result.Answer?.Message,
        result.Answer?.FirstMessageId,
        result.FirstEntryNumber("cost"),
        result.Duration);
}
