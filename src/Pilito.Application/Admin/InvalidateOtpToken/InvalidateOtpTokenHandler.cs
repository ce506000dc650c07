using System.Globalization;
using Mediator;
using Microsoft.Extensions.Logging;
using Pilito.Application.Admin.Audit;
using Pilito.Application.Common.Writes;
using Pilito.Domain.Audit;
using Pilito.Domain.Phones;

namespace Pilito.Application.Admin.InvalidateOtpToken;

public sealed class InvalidateOtpTokenHandler(
    IOtpWriter writer,
    TimeProvider clock,
    StaffAuditRecorder audit,
    ILogger<InvalidateOtpTokenHandler> logger) : ICommandHandler<InvalidateOtpTokenCommand, InvalidateOtpTokenOutcome>
{
    public async ValueTask<InvalidateOtpTokenOutcome> Handle(InvalidateOtpTokenCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // In the writer's transaction: a verification or a delivery answer for this token commits before or after
        // it, never in between, so the token is changed as it is now.
        var (outcome, phone) = await writer.RunAsync<(InvalidateOtpTokenOutcome, PhoneNumber?)>(null, async (transaction, ct) =>
        {
            var token = await transaction.FindTokenAsync(command.Id, ct);
            if (token is null)
                return (InvalidateOtpTokenOutcome.NotFound, null);
            return (token.Invalidate(now) ? InvalidateOtpTokenOutcome.Invalidated : InvalidateOtpTokenOutcome.AlreadySettled, token.Phone);
        }, cancellationToken);

        // Only a change is recorded: a token that was already settled or is unknown was left as it was.
        if (outcome == InvalidateOtpTokenOutcome.Invalidated)
        {
            logger.LogInformation("OTP token {TokenId} for {Phone} invalidated by staff {StaffEmail}", command.Id, phone, command.Actor.LogName);
            await audit.RecordAsync(command.Actor, StaffAuditAction.InvalidateOtpToken, command.Id.ToString(CultureInfo.InvariantCulture));
        }

        return outcome;
    }
}
