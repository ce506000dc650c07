using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;

namespace Pilito.Application.Otp.PurgeOtpTokens;

/// <summary>
/// Deletes OTP tokens past retention, refresh tokens that can no longer be used, and limit counts no window sees,
/// staff audit entries past Admin:AuditRetention and settled webhook messages past Webhooks:Retention, in small
/// batches, each its own short transaction.
/// </summary>
public sealed class PurgeOtpTokensHandler(
    IOtpTokenStore store,
    IStaffAuditLog audit,
    IWebhookOutbox webhooks,
    IOptions<OtpOptions> options,
    IOptions<StaffAuditOptions> auditOptions,
    IOptions<WebhookOptions> webhookOptions,
    TimeProvider clock,
    ILogger<PurgeOtpTokensHandler> logger) : ICommandHandler<PurgeOtpTokensCommand, PurgeOtpTokensResult>
{
    private static readonly TimeSpan CountRetention = TimeSpan.FromHours(25);
    private static readonly TimeSpan RevokedRetention = TimeSpan.FromDays(1);

    public async ValueTask<PurgeOtpTokensResult> Handle(PurgeOtpTokensCommand command, CancellationToken cancellationToken)
    {
        var otp = options.Value;
        var now = clock.GetUtcNow();
        var cutoff = now - (command.OlderThan ?? otp.Retention);
        var total = await DeleteInBatchesAsync(size => store.DeleteBatchCreatedBeforeAsync(cutoff, size, cancellationToken), otp.PurgeBatchSize);

        // A refresh token is useless once expired or revoked; revoked ones are kept a day for support to see.
        await DeleteInBatchesAsync(size => store.DeleteRefreshTokensExpiredBeforeAsync(now, size, cancellationToken), otp.PurgeBatchSize);
        await DeleteInBatchesAsync(size => store.DeleteRefreshTokensRevokedBeforeAsync(now - RevokedRetention, size, cancellationToken), otp.PurgeBatchSize);

        // Counts matter for a day at most (the daily failure cap), and a minute more for whole-minute windows.
        await DeleteInBatchesAsync(size => store.DeleteCountsBeforeAsync(now - CountRetention, size, cancellationToken), otp.PurgeBatchSize);

        // The audit log keeps its own, much longer retention (a year by default); --older-than is about tokens only.
        var auditCutoff = now - auditOptions.Value.AuditRetention;
        var audited = await DeleteInBatchesAsync(size => audit.DeleteBatchBeforeAsync(auditCutoff, size, cancellationToken), otp.PurgeBatchSize);

        var webhookCutoff = now - webhookOptions.Value.Retention;
        var messages = await DeleteInBatchesAsync(size => webhooks.DeleteSettledBeforeAsync(webhookCutoff, size, cancellationToken), otp.PurgeBatchSize);

        if (total > 0)
            logger.LogInformation("Purged {Count} OTP tokens created before {Cutoff:O}", total, cutoff);
        if (audited > 0)
            logger.LogInformation("Purged {Count} staff audit entries older than {Cutoff:O}", audited, auditCutoff);
        if (messages > 0)
            logger.LogInformation("Purged {Count} delivered or given-up webhook messages older than {Cutoff:O}", messages, webhookCutoff);
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
