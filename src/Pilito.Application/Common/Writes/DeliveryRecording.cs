using Pilito.Domain.Otp;

namespace Pilito.Application.Common.Writes;

public static class DeliveryRecording
{
    /// <summary>Records the provider's answer on the token as it is now (a newer code may have superseded it meanwhile).</summary>
    /// <remarks>Never cancelled with the request: the answer is of a message that may already have cost money.</remarks>
    public static Task<bool> RecordAsync(IOtpWriter writer, OtpToken sent, DeliveryReport report, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(sent);
        return writer.RunFollowUpAsync(sent.Phone, async (transaction, ct) =>
        {
            var token = await transaction.FindTokenAsync(sent.Id, ct);
            token?.RecordDelivery(report, at);
            return token is not null;
        });
    }
}
