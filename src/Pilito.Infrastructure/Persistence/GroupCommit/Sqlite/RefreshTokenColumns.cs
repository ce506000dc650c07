using Microsoft.Data.Sqlite;
using Pilito.Domain.Accounts;

namespace Pilito.Infrastructure.Persistence.GroupCommit.Sqlite;

/// <summary>
/// The one map between <see cref="RefreshToken"/> and the RefreshTokens columns on the writer's SQLite path, as
/// <see cref="OtpTokenColumns"/> is for OTP tokens: the column list every statement is made from, the reader and the
/// parameters side by side.
/// </summary>
internal static class RefreshTokenColumns
{
    private static readonly string[] Columns = ["Id", "UserId", "FamilyId", "TokenHash", "CreatedAt", "ExpiresAt", "UsedAt", "RevokedAt", "Version"];
    private static readonly string[] Stored = Columns[1..]; // the database gives the Id
    private static readonly Dictionary<string, int> Ordinals = Columns.Index().ToDictionary(c => c.Item, c => c.Index);

    public static string SelectList { get; } = string.Join(", ", Columns);

    public static string InsertSql { get; } =
        $"INSERT INTO RefreshTokens ({string.Join(", ", Stored)}) VALUES ({string.Join(", ", Stored.Select(c => "$" + c))})";

    /// <summary>Writes every column of a changed token, if the row still has the version it was read with.</summary>
    public static string UpdateSql { get; } =
        $"UPDATE RefreshTokens SET {string.Join(", ", Stored.Select(c => $"{c} = ${c}"))} WHERE Id = $Id AND Version = $LoadedVersion";

    public static RefreshToken Read(SqliteDataReader row) => RefreshToken.Restore(new StoredRefreshToken
    {
        Id = row.GetInt64(Ordinals["Id"]),
        UserId = Guid.Parse(row.GetString(Ordinals["UserId"])),
        FamilyId = Guid.Parse(row.GetString(Ordinals["FamilyId"])),
        TokenHash = (byte[])row.GetValue(Ordinals["TokenHash"]),
        CreatedAt = UtcTicksConverter.FromStored(row.GetInt64(Ordinals["CreatedAt"])),
        ExpiresAt = UtcTicksConverter.FromStored(row.GetInt64(Ordinals["ExpiresAt"])),
        UsedAt = Instant(row, "UsedAt"),
        RevokedAt = Instant(row, "RevokedAt"),
        Version = row.GetInt32(Ordinals["Version"]),
    });

    /// <summary>Sets every stored column's parameter of <paramref name="statement"/> (an insert or an update) from the token.</summary>
    public static void Bind(SqliteStatement statement, RefreshToken token)
    {
        statement["$UserId"] = SqliteValues.Stored(token.UserId);
        statement["$FamilyId"] = SqliteValues.Stored(token.FamilyId);
        statement["$TokenHash"] = token.TokenHash;
        statement["$CreatedAt"] = UtcTicksConverter.ToStored(token.CreatedAt);
        statement["$ExpiresAt"] = UtcTicksConverter.ToStored(token.ExpiresAt);
        statement["$UsedAt"] = SqliteValues.Stored(token.UsedAt);
        statement["$RevokedAt"] = SqliteValues.Stored(token.RevokedAt);
        statement["$Version"] = token.Version;
    }

    private static DateTimeOffset? Instant(SqliteDataReader row, string column) => SqliteValues.Instant(row, Ordinals[column]);
}
