namespace Pilito.Application.Admin.GetDashboard;

/// <param name="Since">Start of the 24-hour window (UTC).</param>
/// <param name="Requested">Codes created in the window.</param>
/// <param name="Sent">Codes the provider accepted in the window.</param>
/// <param name="Failed">Codes created in the window whose SMS failed.</param>
/// <param name="Verified">Codes verified in the window.</param>
/// <param name="Locked">Codes created in the window and locked by wrong attempts.</param>
/// <param name="FailuresByCode">Failed sends by provider and its status code (null: no answer), most first.</param>
/// <param name="Hours">24 hourly buckets, oldest first.</param>
/// <param name="ByOperator">The window's codes by the phone's mobile operator, most requested first.</param>
public sealed record Dashboard(
    DateTimeOffset Since,
    int Requested,
    int Sent,
    int Failed,
    int Verified,
    int Locked,
    IReadOnlyList<FailureCount> FailuresByCode,
    IReadOnlyList<HourlyDeliveries> Hours,
    IReadOnlyList<OperatorActivity> ByOperator);

/// <param name="Provider">The provider whose answer the token recorded (null: none recorded).</param>
public sealed record FailureCount(string? Provider, int? ProviderStatusCode, int Count);

/// <param name="Hour">Start of the hour (UTC).</param>
public sealed record HourlyDeliveries(DateTimeOffset Hour, int Sent, int Failed);
