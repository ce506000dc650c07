using Mediator;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Options;
using Pilito.Application.Otp.TrackDeliveries;

namespace Pilito.Web.Background;

/// <summary>
/// Asks the provider about recent codes' delivery every Otp:DeliveryCheckInterval (Otp:TrackDelivery turns it off).
/// Every instance runs it: a message is asked about again only once the interval has passed since the last answer,
/// and a settled delivery is recorded once.
/// </summary>
internal sealed class DeliveryTrackingService(
    IServiceScopeFactory scopes,
    IOptions<OtpOptions> options,
    TimeProvider clock,
    ILogger<DeliveryTrackingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.TrackDelivery)
            return;
        using var timer = new PeriodicTimer(options.Value.DeliveryCheckInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ISender>().Send(new TrackDeliveriesCommand(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A busy database or a provider that did not answer: the next tick asks again.
                logger.LogError(e, "Tracking SMS delivery failed");
            }
        }
    }
}
