using Mediator;
using Microsoft.Extensions.Logging;
using Pilito.Application.Common.Ports;

namespace Pilito.Application.Admin.InvalidateOtpToken;

public sealed class InvalidateOtpTokenHandler(
    IOtpTokenStore store,
    TimeProvider clock,
    ILogger<InvalidateOtpTokenHandler> logger) : ICommandHandler<InvalidateOtpTokenCommand, InvalidateOtpTokenOutcome>
{
    // A conflict means a verify or a delivery answer wrote first; re-reading settles it within a few tries.
    private const int MaxConcurrencyRetries = 10;

    public async ValueTask<InvalidateOtpTokenOutcome> Handle(InvalidateOtpTokenCommand command, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxConcurrencyRetries; attempt++)
        {
            var token = await store.FindAsync(command.Id, cancellationToken);
            if (token is null)
                return InvalidateOtpTokenOutcome.NotFound;
            if (!token.Invalidate(clock.GetUtcNow()))
                return InvalidateOtpTokenOutcome.AlreadySettled;
            if (await store.TrySaveAsync(cancellationToken))
            {
                logger.LogInformation("OTP token {TokenId} for {Phone} invalidated by staff", token.Id, token.Phone);
                return InvalidateOtpTokenOutcome.Invalidated;
            }
        }

        throw new InvalidOperationException("Invalidating the OTP token kept conflicting with concurrent requests.");
    }
}
