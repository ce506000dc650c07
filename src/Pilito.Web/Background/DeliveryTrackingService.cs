using Mediator;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Options;
using Pilito.Application.Otp.TrackDeliveries;

namespace Pilito.Web.Background;

/// <summary>
/// Asks the provider about recent codes' delivery every Otp:DeliveryCheckInterval (Otp:TrackDelivery turns it off).
/// Every instance runs it: a message is asked about again only once the interval has passed since the last answer,
/// and a settled delivery is recorded once. A busy database or a provider that did not answer: the next tick asks again.
/// </summary>
internal sealed class DeliveryTrackingService(
    IServiceScopeFactory scopes,
    IOptions<OtpOptions> options,
    TimeProvider clock,
    ILogger<DeliveryTrackingService> logger) : PeriodicCommandService(scopes, clock, logger)
{
    protected override bool Enabled => options.Value.TrackDelivery;

    protected override TimeSpan Interval => options.Value.DeliveryCheckInterval;

    protected override string Job => "Tracking SMS delivery";

    protected override async Task RunAsync(ISender sender, CancellationToken cancellationToken) =>
        await sender.Send(new TrackDeliveriesCommand(), cancellationToken);
}
