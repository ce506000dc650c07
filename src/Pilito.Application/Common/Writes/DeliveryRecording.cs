using Pilito.Application.Webhooks;
using Pilito.Domain.Otp;

namespace Pilito.Application.Common.Writes;

public static class DeliveryRecording
{
    /// <summary>
    /// Records the provider's answer on the token as it is now (a newer code may have superseded it meanwhile), with
    /// its otp.sent or otp.failed event.
    /// </summary>
    /// <remarks>Never cancelled with the request: the answer is of a message that may already have cost money.</remarks>
    public static Task<bool> RecordAsync(IOtpWriter writer, WebhookEvents events, OtpToken sent, DeliveryReport report, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(sent);
        ArgumentNullException.ThrowIfNull(report);
        return writer.RunFollowUpAsync(sent.Phone, async (transaction, ct) =>
        {
            var token = await transaction.FindTokenAsync(sent.Id, ct);
            if (token is null)
                return false;
            token.RecordDelivery(report, at);
            if (report.Accepted)
                events.OtpSent(transaction, token, at);
            else
                events.OtpFailed(transaction, token, "refused", at);
            return true;
        });
    }
}
