using Pilito.Application.Common.Ports;

namespace Pilito.Application.Diagnostics.CheckOtpConfig;

public sealed record CheckOtpConfigResult(IReadOnlyList<DiagnosticCheck> Checks)
{
    public bool HasErrors => Checks.Any(c => c.Status == CheckStatus.Error);
}
