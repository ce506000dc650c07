using Pilito.Application.Admin.Common;
using Pilito.Application.Admin.GetDashboard;
using Pilito.Application.Admin.GetOtpToken;
using Pilito.Application.Admin.ListOtpTokens;

namespace Pilito.Application.Common.Ports;

/// <summary>Read-only views of OTP tokens for staff; nothing is tracked or changed.</summary>
public interface IOtpTokenQueries
{
    Task<Page<OtpTokenRow>> ListAsync(OtpTokenFilter filter, CancellationToken cancellationToken);

    Task<OtpTokenDetails?> GetAsync(long id, CancellationToken cancellationToken);

    Task<OtpActivity> GetActivityAsync(DateTimeOffset since, CancellationToken cancellationToken);
}
