using Mediator;
using Pilito.Application.Common.Errors;
using Pilito.Application.Common.Ports;

namespace Pilito.Application.Otp.CheckDeliveryStatus;

public sealed class CheckDeliveryStatusHandler(IOtpTokenStore store, ISmsDeliveryTracker tracker, TimeProvider clock)
    : ICommandHandler<CheckDeliveryStatusCommand, DeliveryStatusResult>
{
    private const int MaxConcurrencyRetries = 5;

    public async ValueTask<DeliveryStatusResult> Handle(CheckDeliveryStatusCommand command, CancellationToken cancellationToken)
    {
        var token = await store.FindAsync(command.TokenId, cancellationToken) ?? throw new OtpTokenNotFoundException(command.TokenId);
        if (token.ProviderMessageId is null || token.DeliveryProvider is null || !tracker.Tracks(token.DeliveryProvider))
            throw new DeliveryNotTrackableException();

        var answer = await tracker.GetStatusAsync(token.ProviderMessageId, cancellationToken);
        var now = clock.GetUtcNow();
        if (answer.Status is not { } status)
            return new DeliveryStatusResult(null, answer.StatusText, now); // nothing learned: the token keeps what it had

        for (var attempt = 0; attempt < MaxConcurrencyRetries; attempt++)
        {
            token.RecordDeliveryStatus(status, answer.StatusText, now);
            if (await store.TrySaveAsync(cancellationToken))
                return new DeliveryStatusResult(status, answer.StatusText, now);
            token = await store.FindAsync(command.TokenId, cancellationToken) ?? throw new OtpTokenNotFoundException(command.TokenId);
        }

        throw new InvalidOperationException("The delivery status kept conflicting with concurrent changes to the token.");
    }
}
