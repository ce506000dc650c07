using System.Globalization;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Infrastructure.Sms.SmsIr;

/// <summary>sms.ir's checks behind check-otp-config, test-sms and the admin diagnostics page; its names say "sms.ir" beside Kavenegar's.</summary>
internal sealed class SmsIrDiagnostics(
    SmsIrClient client,
    SmsIrAccount account,
    IOptions<SmsIrOptions> smsIr,
    IOptions<OtpOptions> otp,
    TimeProvider clock) : ISmsDiagnostics
{
    private const string HowToSetKey = "set SMSIR_API_KEY (or SmsIr__ApiKey) to a key from the sms.ir panel, Developers → API keys";
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private SmsIrOptions Settings => smsIr.Value;

    public string Provider => SmsIrSmsSender.ProviderName;

    public IReadOnlyList<DiagnosticCheck> DescribeConfiguration() =>
    [
        Settings.HasApiKey
            ? DiagnosticCheck.Ok("sms.ir API key", $"set ({Settings.MaskedApiKey})")
            : DiagnosticCheck.Error("sms.ir API key", $"not set: {HowToSetKey}"),
        Settings.TemplateId is { } template
            ? DiagnosticCheck.Ok("sms.ir template", string.Create(Invariant, $"send/verify with template {template}: the code in #{Settings.CodeParameter}#")
                + (Settings.LifetimeParameter is { } minutes ? $", its minutes in #{minutes}#" : string.Empty))
            : DiagnosticCheck.Error("sms.ir template", "SmsIr:TemplateId is not set: the id of a verify template approved in the sms.ir panel"),
        DiagnosticCheck.Ok("sms.ir endpoint", string.Create(Invariant, $"{Settings.BaseUrl} (timeout {Settings.Timeout.TotalSeconds:0.#} s)")),
    ];

    public async Task<IReadOnlyList<DiagnosticCheck>> ProbeAsync(CancellationToken cancellationToken)
    {
        if (!Settings.HasApiKey)
            return [DiagnosticCheck.Error("sms.ir", $"not probed without an API key: {HowToSetKey}")];

        var status = await account.GetStatusAsync(fresh: true, cancellationToken);
        if (!status.Answered)
            return [DiagnosticCheck.Error("sms.ir reachable", $"{status.Problem}; check the network path to {Settings.BaseUrl}")];

        var checks = new List<DiagnosticCheck> { DiagnosticCheck.Ok("sms.ir reachable", "credit answered") };
        if (status.ProviderStatus != SmsIrStatusCodes.Ok)
        {
            checks.Add(DiagnosticCheck.Error("sms.ir API key accepted", $"{status.Problem}{KeyAdvice(status.ProviderStatus)}"));
            return checks;
        }

        checks.Add(DiagnosticCheck.Ok("sms.ir API key accepted", SmsIrStatusCodes.Describe(SmsIrStatusCodes.Ok)));
        checks.Add(status.RemainingCredit switch
        {
            null => DiagnosticCheck.Warning("sms.ir credit", status.Problem ?? "unknown"),
            <= 0 => DiagnosticCheck.Error("sms.ir credit", "none left: every send fails with Insufficient credit (102); top up in the sms.ir panel"),
            var credit when credit < Settings.LowCreditThreshold => DiagnosticCheck.Warning("sms.ir credit",
                string.Create(Invariant, $"{credit:N0} SMS left, below SmsIr:LowCreditThreshold ({Settings.LowCreditThreshold:N0})")),
            var credit => DiagnosticCheck.Ok("sms.ir credit", string.Create(Invariant, $"{credit:N0} SMS left")),
        });
        checks.Add(DiagnosticCheck.Warning("sms.ir template", "cannot be checked without sending; prove it with: test-sms --provider SmsIr --receptor <your number>"));
        return checks;
    }

    /// <summary>sms.ir has one way to send a code: the method is ignored and the template is sent with a random test code.</summary>
    public async Task<IReadOnlyList<SmsTestAttempt>> SendTestAsync(PhoneNumber receptor, SmsTestMethod method, string? message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receptor);
        if (!Settings.IsConfigured)
        {
            return [new SmsTestAttempt(SmsIrVerifyRequest.Path, false, null, null,
                Settings.HasApiKey ? "SmsIr:TemplateId is not set" : $"SMSIR_API_KEY is not set: {HowToSetKey}", null, null, null, TimeSpan.Zero)];
        }

        var started = clock.GetTimestamp();
        var request = SmsIrVerifyRequest.For(Settings, receptor.National, OtpCode.Generate(6), otp.Value.Lifetime);
        try
        {
            var answer = await client.CallAsync(SmsIrVerifyRequest.Path, request, cancellationToken);
            var cost = answer.DataDecimal("cost");
            return [new SmsTestAttempt(SmsIrVerifyRequest.Path, answer.IsOk, answer.HttpStatus, answer.Status, answer.Reason, answer.Message,
                answer.DataNumber("messageId")?.ToString(Invariant), cost is { } c ? (long)decimal.Ceiling(c) : null, clock.GetElapsedTime(started))];
        }
        catch (SmsProviderCallException e)
        {
            return [new SmsTestAttempt(SmsIrVerifyRequest.Path, false, null, null, e.Message, null, null, null, clock.GetElapsedTime(started))];
        }
    }

    private static string KeyAdvice(int? status) => status switch
    {
        10 or 11 => $": the key is wrong or disabled; {HowToSetKey}",
        12 => ": the key is limited to other IP addresses; add this server's address in the sms.ir panel",
        13 or 14 => ": the sms.ir account is inactive or suspended; contact sms.ir support",
        _ => string.Empty,
    };
}
