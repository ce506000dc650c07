using Mediator;
using Pilito.Application.Admin.Audit;

namespace Pilito.Application.Otp.CheckDeliveryStatus;

/// <summary>Asks the provider what became of a token's SMS and records the answer on the token.</summary>
public sealed record CheckDeliveryStatusCommand(long TokenId, StaffActor Actor) : ICommand<DeliveryStatusResult>;

public sealed record DeliveryStatusResult(int? Status, string StatusText, DateTimeOffset CheckedAt);
