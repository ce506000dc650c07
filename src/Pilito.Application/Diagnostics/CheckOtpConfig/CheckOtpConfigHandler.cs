using System.Globalization;
using Mediator;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;

namespace Pilito.Application.Diagnostics.CheckOtpConfig;

/// <summary>Answers "why did the OTP fail?" from the configuration, the database and, online, the provider.</summary>
public sealed class CheckOtpConfigHandler(ISmsDiagnostics sms, IPlatformDiagnostics platform, IOptions<OtpOptions> otp)
    : IQueryHandler<CheckOtpConfigQuery, CheckOtpConfigResult>
{
    public async ValueTask<CheckOtpConfigResult> Handle(CheckOtpConfigQuery query, CancellationToken cancellationToken)
    {
        var checks = new List<DiagnosticCheck>(sms.DescribeConfiguration()) { DescribeOtpSettings() };
        checks.Add(await platform.CheckDatabaseAsync(cancellationToken));
        checks.Add(platform.DescribeVersions());
        if (query.Online)
            checks.AddRange(await sms.ProbeAsync(cancellationToken));
        return new CheckOtpConfigResult(checks);
    }

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
