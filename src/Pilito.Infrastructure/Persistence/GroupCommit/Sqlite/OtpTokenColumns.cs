using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Infrastructure.Persistence.GroupCommit.Sqlite;

/// <summary>
/// The one map between <see cref="OtpToken"/> and the OtpTokens columns on the writer's SQLite path: the column
/// list every statement is made from, the reader and the parameters side by side. Values are stored as EF Core
/// stores them (instants as <see cref="UtcTicksConverter"/> ticks, the status by name, the phone in E.164), so
/// either reads what the other wrote. A new column is one line in <see cref="Columns"/>, one in
/// <see cref="Read"/> and one in <see cref="Bind"/>; the round-trip tests fail until all three have it.
/// </summary>
internal static class OtpTokenColumns
{
    private static readonly string[] Columns =
    [
        "Id", "PhoneNumber", "CodeHash", "CreatedAt", "ExpiresAt", "Status", "FailedAttempts", "VerifiedAt", "ClientIp",
        "DeliveryProvider", "ProviderMessageId", "ProviderStatusCode", "ProviderError", "SentAt", "DeliveryStatus",
        "DeliveryStatusText", "DeliveryCheckedAt", "RevokedAt", "Version",
    ];

    private static readonly string[] Stored = Columns[1..]; // the database gives the Id
    private static readonly Dictionary<string, int> Ordinals = Columns.Index().ToDictionary(c => c.Item, c => c.Index);

    /// <summary>Every column, in the order <see cref="Read"/> finds them by name.</summary>
    public static string SelectList { get; } = string.Join(", ", Columns);

    public static string InsertSql { get; } =
        $"INSERT INTO OtpTokens ({string.Join(", ", Stored)}) VALUES ({string.Join(", ", Stored.Select(c => "$" + c))}) RETURNING Id";

    /// <summary>Writes every column of a changed token, if the row still has the version it was read with.</summary>
    public static string UpdateSql { get; } =
        $"UPDATE OtpTokens SET {string.Join(", ", Stored.Select(c => $"{c} = ${c}"))} WHERE Id = $Id AND Version = $LoadedVersion";

    public static OtpToken Read(SqliteDataReader row) => OtpToken.Restore(new StoredOtpToken
    {
        Id = row.GetInt64(Ordinals["Id"]),
        Phone = PhoneNumber.FromE164(row.GetString(Ordinals["PhoneNumber"])),
        CodeHash = (byte[])row.GetValue(Ordinals["CodeHash"]),
        CreatedAt = Instant(row, "CreatedAt")!.Value,
        ExpiresAt = Instant(row, "ExpiresAt")!.Value,
        Status = Enum.Parse<OtpStatus>(row.GetString(Ordinals["Status"])),
        FailedAttempts = row.GetInt32(Ordinals["FailedAttempts"]),
        VerifiedAt = Instant(row, "VerifiedAt"),
        ClientIp = Text(row, "ClientIp"),
        DeliveryProvider = Text(row, "DeliveryProvider"),
        ProviderMessageId = Text(row, "ProviderMessageId"),
        ProviderStatusCode = Number(row, "ProviderStatusCode"),
        ProviderError = Text(row, "ProviderError"),
        SentAt = Instant(row, "SentAt"),
        DeliveryStatus = Number(row, "DeliveryStatus"),
        DeliveryStatusText = Text(row, "DeliveryStatusText"),
        DeliveryCheckedAt = Instant(row, "DeliveryCheckedAt"),
        RevokedAt = Instant(row, "RevokedAt"),
        Version = row.GetInt32(Ordinals["Version"]),
    });

    /// <summary>Sets every stored column's parameter of <paramref name="statement"/> (an insert or an update) from the token.</summary>
    public static void Bind(SqliteStatement statement, OtpToken token)
    {
        statement["$PhoneNumber"] = token.Phone.E164;
        statement["$CodeHash"] = token.CodeHash;
        statement["$CreatedAt"] = Ticks(token.CreatedAt);
        statement["$ExpiresAt"] = Ticks(token.ExpiresAt);
        statement["$Status"] = token.Status.ToString();
        statement["$FailedAttempts"] = token.FailedAttempts;
        statement["$VerifiedAt"] = Ticks(token.VerifiedAt);
        statement["$ClientIp"] = token.ClientIp;
        statement["$DeliveryProvider"] = token.DeliveryProvider;
        statement["$ProviderMessageId"] = token.ProviderMessageId;
        statement["$ProviderStatusCode"] = token.ProviderStatusCode;
        statement["$ProviderError"] = token.ProviderError;
        statement["$SentAt"] = Ticks(token.SentAt);
        statement["$DeliveryStatus"] = token.DeliveryStatus;
        statement["$DeliveryStatusText"] = token.DeliveryStatusText;
        statement["$DeliveryCheckedAt"] = Ticks(token.DeliveryCheckedAt);
        statement["$RevokedAt"] = Ticks(token.RevokedAt);
        statement["$Version"] = token.Version;
    }

    /// <summary>Gives a new token the identity the database gave its row, as EF Core does (the setter is private).</summary>
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Id")]
    public static extern void SetId(OtpToken token, long id);

    private static long? Ticks(DateTimeOffset? instant) => SqliteValues.Stored(instant);

    private static DateTimeOffset? Instant(SqliteDataReader row, string column) => SqliteValues.Instant(row, Ordinals[column]);

    private static string? Text(SqliteDataReader row, string column) => SqliteValues.Text(row, Ordinals[column]);

    private static int? Number(SqliteDataReader row, string column)
    {
        var ordinal = Ordinals[column];
        return row.IsDBNull(ordinal) ? null : row.GetInt32(ordinal);
    }
}
