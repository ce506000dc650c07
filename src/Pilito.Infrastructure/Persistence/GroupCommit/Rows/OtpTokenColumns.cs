using System.Runtime.CompilerServices;
using System.Data.Common;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;
using static Pilito.Infrastructure.Persistence.GroupCommit.Rows.ColumnMap<Pilito.Domain.Otp.OtpToken>;

namespace Pilito.Infrastructure.Persistence.GroupCommit.Rows;

/// <summary>
/// The one map between <see cref="OtpToken"/> and the OtpTokens columns on the writer's own paths (SQLite, PostgreSQL): each column
/// beside the value it stores, and the reader. Values are stored as EF Core stores them (instants as
/// <see cref="UtcTicksConverter"/> ticks, the status by name, the phone in E.164), so either reads what the other
/// wrote. A new column is one line in <see cref="Map"/> and one in <see cref="Read"/>; the round-trip tests fail
/// until both have it.
/// </summary>
internal static class OtpTokenColumns
{
    public static ColumnMap<OtpToken> Map { get; } = ColumnMap<OtpToken>.For("OtpTokens",
        Column("PhoneNumber", t => t.Phone.E164),
        Column("CodeHash", t => t.CodeHash),
        Column("CreatedAt", t => StoredValues.Stored(t.CreatedAt)),
        Column("ExpiresAt", t => StoredValues.Stored(t.ExpiresAt)),
        Column("Status", t => t.Status.ToString()),
        Column("FailedAttempts", t => t.FailedAttempts),
        Column("FailedAttemptsWithoutId", t => t.FailedAttemptsWithoutId),
        Column("VerificationId", t => t.VerificationId),
        Column("VerifiedAt", t => StoredValues.Stored(t.VerifiedAt)),
        Column("ClientIp", t => t.ClientIp),
        Column("Channel", t => t.Channel.ToString()),
        Column("DeliveryProvider", t => t.DeliveryProvider),
        Column("ProviderMessageId", t => t.ProviderMessageId),
        Column("ProviderStatusCode", t => t.ProviderStatusCode),
        Column("ProviderError", t => t.ProviderError),
        Column("SentAt", t => StoredValues.Stored(t.SentAt)),
        Column("DeliveryStatus", t => t.DeliveryStatus),
        Column("DeliveryStatusText", t => t.DeliveryStatusText),
        Column("DeliveryCheckedAt", t => StoredValues.Stored(t.DeliveryCheckedAt)),
        Column("DeliveryOutcome", t => t.DeliveryOutcome?.ToString()),
        Column("Operator", t => t.Operator),
        Column("ReplacesTokenId", t => t.ReplacesTokenId),
        Column("RevokedAt", t => StoredValues.Stored(t.RevokedAt)),
        Column("PhoneChangeAccountId", t => t.PhoneChangeAccountId),
        Column("Version", t => t.Version));

    public static OtpToken Read(DbDataReader row) => OtpToken.Restore(new StoredOtpToken
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
        PhoneChangeAccountId = StoredValues.NullableUuid(row, Map.Ordinal("PhoneChangeAccountId")),
        Version = row.GetInt32(Map.Ordinal("Version")),
    });

    /// <summary>Gives a new token the identity the database gave its row, as EF Core does (the setter is private).</summary>
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Id")]
    public static extern void SetId(OtpToken token, long id);

    private static DateTimeOffset? Instant(DbDataReader row, string column) => StoredValues.Instant(row, Map.Ordinal(column));

    private static string? Text(DbDataReader row, string column) => StoredValues.Text(row, Map.Ordinal(column));

    private static int? Number(DbDataReader row, string column)
    {
        var ordinal = Map.Ordinal(column);
        return row.IsDBNull(ordinal) ? null : row.GetInt32(ordinal);
    }

    private static long? Long(DbDataReader row, string column)
    {
        var ordinal = Map.Ordinal(column);
        return row.IsDBNull(ordinal) ? null : row.GetInt64(ordinal);
    }
}
