namespace Pilito.Application.Admin.Audit;

/// <summary>
/// The staff member behind an action, as the web layer knows them: the account's id and email (both may be unknown
/// for a failed sign-in) and the client address after trusted forwarded headers.
/// </summary>
public sealed record StaffActor(Guid? StaffId, string? Email, string? ClientAddress)
{
    /// <summary>The email as log lines name it: "unknown" rather than an empty hole in the line.</summary>
    public string LogName => string.IsNullOrWhiteSpace(Email) ? "unknown" : Email.Trim();
}
