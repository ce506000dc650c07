using System.Globalization;
using Mediator;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;

namespace Pilito.Application.Diagnostics.CheckOtpConfig;

/// <summary>
/// Answers "why did the OTP fail?" from the configuration, the database and, online, the providers. The providers come
/// from their accounts (every provider that sends has one; the Log sender has none), not from the senders, which need
/// the very secrets this command must be able to report missing.
/// </summary>
public sealed class CheckOtpConfigHandler(
    IEnumerable<ISmsDiagnostics> providers, ISmsProviderAccounts accounts, IPlatformDiagnostics platform, IOptions<OtpOptions> otp)
    : IQueryHandler<CheckOtpConfigQuery, CheckOtpConfigResult>
{
    public async ValueTask<CheckOtpConfigResult> Handle(CheckOtpConfigQuery query, CancellationToken cancellationToken)
    {
        var listed = accounts.Listed.Select(a => a.Provider).ToList();
        var testable = listed.Select(p => providers.FirstOrDefault(d => d.Provider == p)).OfType<ISmsDiagnostics>().ToList();
        var checks = new List<DiagnosticCheck> { DescribeProviders(listed) };
        foreach (var provider in testable)
            checks.AddRange(provider.DescribeConfiguration());
        checks.Add(DescribeOtpSettings());
        checks.Add(await platform.CheckDatabaseAsync(cancellationToken));
        checks.Add(platform.DescribeVersions());
        if (query.Online)
        {
            foreach (var provider in testable)
                checks.AddRange(await provider.ProbeAsync(cancellationToken));
        }

        return new CheckOtpConfigResult(checks);
    }

    private static DiagnosticCheck DescribeProviders(IReadOnlyList<string> listed) => listed switch
    {
        [] => DiagnosticCheck.Warning("SMS provider", "Log: messages are written to the log and nothing is sent (set Sms__Provider=Kavenegar)"),
        [var one] => DiagnosticCheck.Ok("SMS provider", one),
        _ => DiagnosticCheck.Ok("SMS provider", $"{string.Join(", then ", listed)} (the next only when the one before certainly sent nothing)"),
    };

    // The command exists to say what is wrong: a setting the server would refuse is a ❌ line here, not a stop.
    private DiagnosticCheck DescribeOtpSettings()
    {
        OtpOptions o;
        try
        {
            o = otp.Value;
        }
        catch (OptionsValidationException e)
        {
            return DiagnosticCheck.Error("OTP settings", string.Join(" ", e.Failures));
        }

        return DiagnosticCheck.Ok("OTP settings", string.Create(CultureInfo.InvariantCulture,
            $"{o.CodeLength}-digit codes valid {o.Lifetime}, at most {o.MaxSendsPerWindow} per phone per {o.SendWindow}, locked after {o.MaxVerifyAttempts} wrong codes"));
    }
}
