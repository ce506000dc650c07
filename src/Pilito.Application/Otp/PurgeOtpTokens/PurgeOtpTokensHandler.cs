using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;

namespace Pilito.Application.Otp.PurgeOtpTokens;

/// <summary>Deletes tokens past retention in small batches, each its own short transaction.</summary>
public sealed class PurgeOtpTokensHandler(
    IOtpTokenStore store,
    IVerifyFailureLog failures,
    IOptions<OtpOptions> options,
    TimeProvider clock,
    ILogger<PurgeOtpTokensHandler> logger) : ICommandHandler<PurgeOtpTokensCommand, PurgeOtpTokensResult>
{
    public async ValueTask<PurgeOtpTokensResult> Handle(PurgeOtpTokensCommand command, CancellationToken cancellationToken)
    {
        var otp = options.Value;
        var now = clock.GetUtcNow();
        var cutoff = now - (command.OlderThan ?? otp.Retention);
        var total = await DeleteInBatchesAsync(size => store.DeleteBatchCreatedBeforeAsync(cutoff, size, cancellationToken), otp.PurgeBatchSize);

        // Failures matter for an hour (the verify cap); a day's worth is kept for support.
        await DeleteInBatchesAsync(size => failures.DeleteBatchBeforeAsync(now - TimeSpan.FromDays(1), size, cancellationToken), otp.PurgeBatchSize);

        // Send counts matter for an hour (the hourly limits).
        await DeleteInBatchesAsync(size => store.DeleteSendCountsBeforeAsync(now - TimeSpan.FromHours(2), size, cancellationToken), otp.PurgeBatchSize);

        if (total > 0)
            logger.LogInformation("Purged {Count} OTP tokens created before {Cutoff:O}", total, cutoff);
        return new PurgeOtpTokensResult(total, cutoff);
    }

    // Batch after batch, each its own short statement, until one comes back short.
    private static async Task<int> DeleteInBatchesAsync(Func<int, Task<int>> deleteBatch, int batchSize)
    {
        var total = 0;
        int deleted;
        do
        {
            deleted = await deleteBatch(batchSize);
            total += deleted;
        }
        while (deleted == batchSize);
        return total;
    }
}
