using Mediator;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Options;
using Pilito.Application.Otp.PurgeOtpTokens;

namespace Pilito.Web.Background;

/// <summary>
/// Deletes tokens past Otp:Retention (and staff audit entries past Admin:AuditRetention) every Otp:PurgeInterval. Every instance runs it; the deletes are idempotent
/// and batched, so instances never hold long locks or step on each other.
/// </summary>
internal sealed class OtpRetentionService(
    IServiceScopeFactory scopes,
    IOptions<OtpOptions> options,
    TimeProvider clock,
    ILogger<OtpRetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.PurgeInBackground)
            return;
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ISender>().Send(new PurgeOtpTokensCommand(null), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next tick tries again; a failed purge must not stop the service.
                logger.LogError(e, "Purging expired OTP tokens failed");
            }
        }
    }
}
