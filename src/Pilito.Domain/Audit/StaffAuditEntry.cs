namespace Pilito.Domain.Audit;

/// <summary>
/// One staff action: who (id and email as they were then), what, on which token or account, when and from which
/// address. Written once, never changed; only retention deletes it. Never holds a secret: callers pass no password,
/// code or token, and every text is trimmed and capped here, since a failed sign-in records whatever was typed.
/// </summary>
public sealed class StaffAuditEntry
{
    public const int MaxEmailLength = 256;
    public const int MaxTargetLength = 64;
    public const int MaxAddressLength = 64;

    private StaffAuditEntry() { } // for EF Core

    public long Id { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public StaffAuditAction Action { get; private set; }

    /// <summary>Null when the account is unknown (a failed sign-in with an email no staff account has).</summary>
    public Guid? StaffId { get; private set; }

    /// <summary>Lower case, so that the page's filter finds one member however the email was typed.</summary>
    public string? StaffEmail { get; private set; }

    /// <summary>The OTP token id, the account id or the masked phone; null when the action has none.</summary>
    public string? Target { get; private set; }

    public string? ClientAddress { get; private set; }

    public static StaffAuditEntry Record(StaffAuditAction action, Guid? staffId, string? staffEmail, string? target,
        string? clientAddress, DateTimeOffset now) => new()
        {
            Action = action,
            StaffId = staffId,
            StaffEmail = Cap(staffEmail, MaxEmailLength)?.ToLowerInvariant(),
            Target = Cap(target, MaxTargetLength),
            ClientAddress = Cap(clientAddress, MaxAddressLength),
            OccurredAt = now,
        };

    // Control characters (a typed newline, an escape) become U+FFFD: the text also goes into log lines, where a
    // newline would forge a line of its own.
    private static string? Cap(string? text, int length)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
            return null;
        var capped = trimmed.Length <= length ? trimmed : trimmed[..length];
        return string.Create(capped.Length, capped, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                span[i] = char.IsControl(source[i]) ? '\uFFFD' : source[i];
        });
    }
}
