using System.Runtime.CompilerServices;
using System.Data.Common;
using Pilito.Domain.Accounts;
using static Pilito.Infrastructure.Persistence.GroupCommit.Rows.ColumnMap<Pilito.Domain.Accounts.RefreshToken>;

namespace Pilito.Infrastructure.Persistence.GroupCommit.Rows;

/// <summary>
/// The one map between <see cref="RefreshToken"/> and the RefreshTokens columns on the writer's own paths (SQLite, PostgreSQL), as
/// <see cref="OtpTokenColumns"/> is for OTP tokens.
/// </summary>
internal static class RefreshTokenColumns
{
    public static ColumnMap<RefreshToken> Map { get; } = ColumnMap<RefreshToken>.For("RefreshTokens",
        Column("UserId", t => t.UserId),
        Column("FamilyId", t => t.FamilyId),
        Column("TokenHash", t => t.TokenHash),
        Column("CreatedAt", t => StoredValues.Stored(t.CreatedAt)),
        Column("ExpiresAt", t => StoredValues.Stored(t.ExpiresAt)),
        Column("UsedAt", t => StoredValues.Stored(t.UsedAt)),
        Column("RevokedAt", t => StoredValues.Stored(t.RevokedAt)),
        Column("Version", t => t.Version));

    public static RefreshToken Read(DbDataReader row) => RefreshToken.Restore(new StoredRefreshToken
    {
        Id = row.GetInt64(Map.Ordinal("Id")),
        UserId = StoredValues.Uuid(row, Map.Ordinal("UserId")),
        FamilyId = StoredValues.Uuid(row, Map.Ordinal("FamilyId")),
        TokenHash = (byte[])row.GetValue(Map.Ordinal("TokenHash")),
        CreatedAt = UtcTicksConverter.FromStored(row.GetInt64(Map.Ordinal("CreatedAt"))),
        ExpiresAt = UtcTicksConverter.FromStored(row.GetInt64(Map.Ordinal("ExpiresAt"))),
        UsedAt = StoredValues.Instant(row, Map.Ordinal("UsedAt")),
        RevokedAt = StoredValues.Instant(row, Map.Ordinal("RevokedAt")),
        Version = row.GetInt32(Map.Ordinal("Version")),
    });

    /// <summary>Gives a new token the identity the database gave its row, as EF Core does (the setter is private).</summary>
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Id")]
    public static extern void SetId(RefreshToken token, long id);
}
