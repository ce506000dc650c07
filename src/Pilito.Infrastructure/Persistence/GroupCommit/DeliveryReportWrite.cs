using Pilito.Domain.Otp;

namespace Pilito.Infrastructure.Persistence.GroupCommit;

/// <summary>
/// Records the provider's answer on the stored token as it is now (a newer code may have superseded it while the
/// SMS was in flight: it keeps that status). False when the token no longer exists.
/// </summary>
internal sealed class DeliveryReportWrite(long tokenId, DeliveryReport report, DateTimeOffset at) : PendingWrite<bool>
{
    protected override Task<bool> StageCoreAsync(WriteRound round, CancellationToken cancellationToken) =>
        round.RecordDeliveryAsync(tokenId, report, at, cancellationToken);
}
