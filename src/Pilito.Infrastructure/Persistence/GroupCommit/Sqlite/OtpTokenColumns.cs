using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Infrastructure.Persistence.GroupCommit.Sqlite;

/// <summary>
/// The one map between <see cref="OtpToken"/> and the OtpTokens columns on the writer's SQLite path: each column
/// beside the value it stores, and the reader. Values are stored as EF Core stores them (instants as
/// <see cref="UtcTicksConverter"/> ticks, the status by name, the phone in E.164), so either reads what the other
/// wrote. A new column is one line in <see cref="Map"/> and one in <see cref="Read"/>; the round-trip tests fail
/// until both have it.
/// </summary>
internal static class OtpTokenColumns
{
    public static ColumnMap<OtpToken> Map { get; } = ColumnMap<OtpToken>.For("OtpTokens",
        ("PhoneNumber", t => t.Phone.E164),
        ("CodeHash", t => t.CodeHash),
        ("CreatedAt", t => SqliteValues.Stored(t.CreatedAt)),
        ("ExpiresAt", t => SqliteValues.Stored(t.ExpiresAt)),
        ("Status", t => t.Status.ToString()),
        ("FailedAttempts", t => t.FailedAttempts),
        ("FailedAttemptsWithoutId", t => t.FailedAttemptsWithoutId),
        ("VerificationId", t => t.VerificationId),
        ("VerifiedAt", t => SqliteValues.Stored(t.VerifiedAt)),
        ("ClientIp", t => t.ClientIp),
        ("Channel", t => t.Channel.ToString()),
        ("DeliveryProvider", t => t.DeliveryProvider),
        ("ProviderMessageId", t => t.ProviderMessageId),
        ("ProviderStatusCode", t => t.ProviderStatusCode),
        ("ProviderError", t => t.ProviderError),
        ("SentAt", t => SqliteValues.Stored(t.SentAt)),
        ("DeliveryStatus", t => t.DeliveryStatus),
        ("DeliveryStatusText", t => t.DeliveryStatusText),
        ("DeliveryCheckedAt", t => SqliteValues.Stored(t.DeliveryCheckedAt)),
        ("DeliveryOutcome", t => t.DeliveryOutcome?.ToString()),
        ("Operator", t => t.Operator),
        ("ReplacesTokenId", t => t.ReplacesTokenId),
        ("RevokedAt", t => SqliteValues.Stored(t.RevokedAt)),
        ("PhoneChangeAccountId", t => t.PhoneChangeAccountId is { } id ? SqliteValues.Stored(id) : null),
        ("Version", t => t.Version));

    public static OtpToken Read(SqliteDataReader row) => OtpToken.Restore(new StoredOtpToken
    {
        Id = row.GetInt64(Map.Ordinal("Id")),
        Phone = PhoneNumber.FromE164(row.GetString(Map.Ordinal("PhoneNumber"))),
        CodeHash = (byte[])row.GetValue(Map.Ordinal("CodeHash")),
        CreatedAt = UtcTicksConverter.FromStored(row.GetInt64(Map.Ordinal("CreatedAt"))),
        ExpiresAt = UtcTicksConverter.FromStored(row.GetInt64(Map.Ordinal("ExpiresAt"))),
        Status = Enum.Parse<OtpStatus>(row.GetString(Map.Ordinal("Status"))),
        FailedAttempts = row.GetInt32(Map.Ordinal("FailedAttempts")),
        FailedAttemptsWithoutId = row.GetInt32(Map.Ordinal("FailedAttemptsWithoutId")),
        VerificationId = Text(row, "VerificationId"),
        VerifiedAt = Instant(row, "VerifiedAt"),
        ClientIp = Text(row, "ClientIp"),
        Channel = Enum.Parse<OtpChannel>(row.GetString(Map.Ordinal("Channel"))),
        DeliveryProvider = Text(row, "DeliveryProvider"),
        ProviderMessageId = Text(row, "ProviderMessageId"),
        ProviderStatusCode = Number(row, "ProviderStatusCode"),
        ProviderError = Text(row, "ProviderError"),
        SentAt = Instant(row, "SentAt"),
        DeliveryStatus = Number(row, "DeliveryStatus"),
        DeliveryStatusText = Text(row, "DeliveryStatusText"),
        DeliveryOutcome = Text(row, "DeliveryOutcome") is { } outcome ? Enum.Parse<DeliveryOutcome>(outcome) : null,
        Operator = Text(row, "Operator"),
        ReplacesTokenId = Long(row, "ReplacesTokenId"),
        DeliveryCheckedAt = Instant(row, "DeliveryCheckedAt"),
        RevokedAt = Instant(row, "RevokedAt"),
        PhoneChangeAccountId = Text(row, "PhoneChangeAccountId") is { } account ? Guid.Parse(account) : null,
        Version = row.GetInt32(Map.Ordinal("Version")),
    });

    /// <summary>Gives a new token the identity the database gave its row, as EF Core does (the setter is private).</summary>
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Id")]
    public static extern void SetId(OtpToken token, long id);

    private static DateTimeOffset? Instant(SqliteDataReader row, string column) => SqliteValues.Instant(row, Map.Ordinal(column));

    private static string? Text(SqliteDataReader row, string column) => SqliteValues.Text(row, Map.Ordinal(column));

    private static int? Number(SqliteDataReader row, string column)
    {
        var ordinal = Map.Ordinal(column);
        return row.IsDBNull(ordinal) ? null : row.GetInt32(ordinal);
    }

    private static long? Long(SqliteDataReader row, string column)
    {
        var ordinal = Map.Ordinal(column);
        return row.IsDBNull(ordinal) ? null : row.GetInt64(ordinal);
    }
}
