namespace Pilito.Application.Admin.GetDashboard;

/// <summary>What the database says about a window; the handler shapes it into the dashboard.</summary>
public sealed record OtpActivity(
    int Requested,
    int Sent,
    int Failed,
    int Verified,
    int Locked,
    IReadOnlyList<FailureCount> FailuresByCode,
    IReadOnlyList<DeliveryAttempt> Deliveries,
    IReadOnlyList<OperatorActivity> ByOperator);

/// <summary>
/// Codes created in the window for one mobile operator's numbers (<see cref="Pilito.Domain.Phones.MobileOperators"/>),
/// and what became of them: delivered and failed as the provider reported (delivery tracking), verified.
/// </summary>
public sealed record OperatorActivity(string Operator, int Requested, int Delivered, int Failed, int Verified)
{
    /// <summary>Verified ÷ requested: the share of codes that signed someone in.</summary>
    public double Conversion => Requested == 0 ? 0 : (double)Verified / Requested;
}

/// <summary>One answered send: when the code was created, and whether the provider accepted it.</summary>
public sealed record DeliveryAttempt(DateTimeOffset At, bool Accepted);
