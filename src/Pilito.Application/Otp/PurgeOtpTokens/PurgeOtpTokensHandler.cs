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
        var cutoff = clock.GetUtcNow() - (command.OlderThan ?? otp.Retention);
        var total = 0;
        int deleted;
        do
        {
            deleted = await store.DeleteBatchCreatedBeforeAsync(cutoff, otp.PurgeBatchSize, cancellationToken);
            total += deleted;
        }
        while (deleted == otp.PurgeBatchSize);

        // Failures matter for an hour (the verify cap); a day's worth is kept for support.
        var failureCutoff = clock.GetUtcNow() - TimeSpan.FromDays(1);
        while (await failures.DeleteBatchBeforeAsync(failureCutoff, otp.PurgeBatchSize, cancellationToken) == otp.PurgeBatchSize)
        {
        }

        // Send counts matter for an hour (the hourly limits).
        var countCutoff = clock.GetUtcNow() - TimeSpan.FromHours(2);
        while (await store.DeleteSendCountsBeforeAsync(countCutoff, otp.PurgeBatchSize, cancellationToken) == otp.PurgeBatchSize)
        {
        }

        if (total > 0)
            logger.LogInformation("Purged {Count} OTP tokens created before {Cutoff:O}", total, cutoff);
        return new PurgeOtpTokensResult(total, cutoff);
    }
}
