using System.Globalization;
using Pilito.Domain.Otp;

namespace Pilito.Infrastructure.Sms.Kavenegar;

/// <summary>Kavenegar's delivery codes (entries[].status of sms/status), in English.</summary>
public static class KavenegarDeliveryCodes
{
    /// <summary>
    /// What a code means: 6, 11, 13 and 14 will never arrive, 100 is an id Kavenegar does not know (or no longer, after
    /// about 48 hours); queued, scheduled and handed over are not final, nor is any code the table does not list.
    /// </summary>
    public static DeliveryOutcome Outcome(int status) => status switch
    {
        10 => DeliveryOutcome.Delivered,
        6 or 11 or 13 or 14 => DeliveryOutcome.Failed,
        100 => DeliveryOutcome.Unknown,
        _ => DeliveryOutcome.Pending,
    };

    public static string Describe(int status) => status switch
    {
        1 => "In send queue",
        2 => "Scheduled",
        4 or 5 => "Sent to the telecom operator",
        6 => "Failed because of the sender line; not delivered",
        10 => "Delivered",
        11 => "Not delivered (handset off or unreachable)",
        13 => "Cancelled or send problem; refunded",
        14 => "Blocked: the recipient refuses advertising lines; refunded",
        50 => "Received (inbound)",
        100 => "Invalid message id (unknown, another account's, or older than about 48 hours)",
        _ => string.Create(CultureInfo.InvariantCulture, $"Unknown delivery status {status}"),
    };
}
