using Mediator;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Options;
using Pilito.Application.Webhooks.DeliverWebhooks;

namespace Pilito.Web.Background;

/// <summary>
/// The outbox's sender: every Webhooks:PollInterval, on every instance, the messages due get an attempt. Off when no
/// endpoint is configured. Instances share the work through the database's claims, never sending one attempt twice.
/// </summary>
internal sealed class WebhookDeliveryService(
    IServiceScopeFactory scopes,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookDeliveryService> logger) : PeriodicCommandService(scopes, clock, logger)
{
    protected override bool Enabled => options.Value.Enabled;

    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override string Job => "Delivering webhooks";

    protected override async Task RunAsync(ISender sender, CancellationToken cancellationToken)
    {
        // A full round leaves more due: go on at once rather than a whole interval later.
        DeliverWebhooksResult round;
        do
            round = await sender.Send(new DeliverWebhooksCommand(), cancellationToken);
        while (round.Delivered + round.Failed == DeliverWebhooksHandler.RoundSize);
    }
}
