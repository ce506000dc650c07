namespace Pilito.Application.Admin.GetDashboard;

/// <summary>What the database says about a window; the handler shapes it into the dashboard.</summary>
public sealed record OtpActivity(
    int Requested,
    int Sent,
    int Failed,
    int Verified,
    int Locked,
    IReadOnlyList<FailureCount> FailuresByCode,
    IReadOnlyList<DeliveryAttempt> Deliveries);

/// <summary>One answered send: when the code was created, and whether the provider accepted it.</summary>
public sealed record DeliveryAttempt(DateTimeOffset At, bool Accepted);
