using System.Globalization;
using Pilito.Domain.Otp;

namespace Pilito.Infrastructure.Sms.SmsIr;

/// <summary>
/// sms.ir's deliveryState (GET send/{messageId}), from its documentation. It has no "queued" state: a message with no
/// report yet has none (null), and is asked about again.
/// </summary>
public static class SmsIrDeliveryStates
{
    /// <summary>The API status of a report about an id sms.ir has no send for (another account's, or the sandbox's).</summary>
    public const int NoSuchMessage = 111;

    public static string Describe(int state) => state switch
    {
        1 => "Delivered to the handset",
        2 => "Not delivered to the handset",
        3 => "Processing at the telecom operator",
        4 => "Did not reach the telecom operator",
        5 => "Reached the operator",
        6 => "Failed",
        7 => "Blacklisted",
        8 => "Unknown",
        NoSuchMessage => "No message with this id",
        _ => string.Create(CultureInfo.InvariantCulture, $"Unknown sms.ir delivery state {state}"),
    };

    /// <summary>1 delivered; 2, 4, 6, 7 failed; 8 and an id sms.ir does not know unknown; 3, 5 and anything else on its way.</summary>
    public static DeliveryOutcome Outcome(int state) => state switch
    {
        1 => DeliveryOutcome.Delivered,
        2 or 4 or 6 or 7 => DeliveryOutcome.Failed,
        8 or NoSuchMessage => DeliveryOutcome.Unknown,
        _ => DeliveryOutcome.Pending,
    };
}
