using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Pilito.Domain.Accounts;

namespace Pilito.Infrastructure.Persistence.GroupCommit.Sqlite;

/// <summary>
/// The one map between <see cref="RefreshToken"/> and the RefreshTokens columns on the writer's SQLite path, as
/// <see cref="OtpTokenColumns"/> is for OTP tokens.
/// </summary>
internal static class RefreshTokenColumns
{
    public static ColumnMap<RefreshToken> Map { get; } = ColumnMap<RefreshToken>.For("RefreshTokens",
        ("UserId", t => SqliteValues.Stored(t.UserId)),
        ("FamilyId", t => SqliteValues.Stored(t.FamilyId)),
        ("TokenHash", t => t.TokenHash),
        ("CreatedAt", t => SqliteValues.Stored(t.CreatedAt)),
        ("ExpiresAt", t => SqliteValues.Stored(t.ExpiresAt)),
        ("UsedAt", t => SqliteValues.Stored(t.UsedAt)),
        ("RevokedAt", t => SqliteValues.Stored(t.RevokedAt)),
        ("Version", t => t.Version));

    public static RefreshToken Read(SqliteDataReader row) => RefreshToken.Restore(new StoredRefreshToken
    {
        Id = row.GetInt64(Map.Ordinal("Id")),
        UserId = Guid.Parse(row.GetString(Map.Ordinal("UserId"))),
        FamilyId = Guid.Parse(row.GetString(Map.Ordinal("FamilyId"))),
        TokenHash = (byte[])row.GetValue(Map.Ordinal("TokenHash")),
        CreatedAt = UtcTicksConverter.FromStored(row.GetInt64(Map.Ordinal("CreatedAt"))),
        ExpiresAt = UtcTicksConverter.FromStored(row.GetInt64(Map.Ordinal("ExpiresAt"))),
        UsedAt = SqliteValues.Instant(row, Map.Ordinal("UsedAt")),
        RevokedAt = SqliteValues.Instant(row, Map.Ordinal("RevokedAt")),
        Version = row.GetInt32(Map.Ordinal("Version")),
    });

    /// <summary>Gives a new token the identity the database gave its row, as EF Core does (the setter is private).</summary>
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Id")]
    public static extern void SetId(RefreshToken token, long id);
}
