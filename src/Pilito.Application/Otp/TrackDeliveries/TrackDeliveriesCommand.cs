using Mediator;

namespace Pilito.Application.Otp.TrackDeliveries;

/// <summary>Asks the provider about the codes sent lately whose delivery is not settled, and records the answers.</summary>
public sealed record TrackDeliveriesCommand : ICommand<TrackDeliveriesResult>;

/// <param name="Asked">Messages asked about.</param>
/// <param name="Settled">Messages whose final outcome this run recorded.</param>
public sealed record TrackDeliveriesResult(int Asked, int Settled);
