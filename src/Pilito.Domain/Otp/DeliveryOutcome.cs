namespace Pilito.Domain.Otp;

/// <summary>What the provider's delivery report means for a sent message, whatever its own code.</summary>
public enum DeliveryOutcome
{
    /// <summary>Queued, scheduled or handed to the operator: ask again later.</summary>
    Pending,

    /// <summary>The handset received it. Final.</summary>
    Delivered,

    /// <summary>It will not arrive (undelivered, blocked, the sender line failed, cancelled). Final.</summary>
    Failed,

    /// <summary>The provider does not know the message (an unknown or expired id). Final: asking again will not help.</summary>
    Unknown,
}
