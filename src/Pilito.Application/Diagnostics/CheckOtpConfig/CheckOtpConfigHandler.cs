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
        var checks = new List<DiagnosticCheck>(sms.DescribeConfiguration()) { DescribeOtpSettings(otp.Value) };
        checks.Add(await platform.CheckDatabaseAsync(cancellationToken));
        checks.Add(platform.DescribeVersions());
        if (query.Online)
            checks.AddRange(await sms.ProbeAsync(cancellationToken));
        return new CheckOtpConfigResult(checks);
    }

    private static DiagnosticCheck DescribeOtpSettings(OtpOptions o) => DiagnosticCheck.Ok("OTP settings", string.Create(CultureInfo.InvariantCulture,
        $"{o.CodeLength}-digit codes valid {o.Lifetime}, at most {o.MaxSendsPerWindow} per phone per {o.SendWindow}, locked after {o.MaxVerifyAttempts} wrong codes"));
}
