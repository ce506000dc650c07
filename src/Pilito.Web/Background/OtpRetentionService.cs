using Mediator;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Options;
using Pilito.Application.Otp.PurgeOtpTokens;

namespace Pilito.Web.Background;

/// <summary>
/// Deletes tokens past Otp:Retention (and staff audit entries past Admin:AuditRetention) every Otp:PurgeInterval.
/// Every instance runs it; the deletes are idempotent and batched, so instances never hold long locks or step on
/// each other.
/// </summary>
internal sealed class OtpRetentionService(
    IServiceScopeFactory scopes,
    IOptions<OtpOptions> options,
    TimeProvider clock,
    ILogger<OtpRetentionService> logger) : PeriodicCommandService(scopes, clock, logger)
{
    protected override bool Enabled => options.Value.PurgeInBackground;

    protected override TimeSpan Interval => options.Value.PurgeInterval;

    protected override string Job => "Purging expired OTP tokens";

    protected override async Task RunAsync(ISender sender, CancellationToken cancellationToken) =>
        await sender.Send(new PurgeOtpTokensCommand(null), cancellationToken);
}
