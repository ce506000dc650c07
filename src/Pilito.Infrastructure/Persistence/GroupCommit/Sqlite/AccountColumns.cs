using Microsoft.Data.Sqlite;
using Pilito.Domain.Accounts;
using Pilito.Infrastructure.Identity;

namespace Pilito.Infrastructure.Persistence.GroupCommit.Sqlite;

/// <summary>
/// What a sign-in reads and writes of AspNetUsers and RefreshTokens on the writer's SQLite path, as EF Core stores
/// it (GUIDs as upper-case text, instants as ticks, booleans as 0/1).
/// </summary>
internal static class AccountColumns
{
    /// <summary>Only what a sign-in reads (<see cref="SqliteWriteStatements.FindUser"/>); it writes back only the last sign-in and the concurrency stamp.</summary>
    public static PilitoUser ReadUser(SqliteDataReader row) => new()
    {
        Id = Guid.Parse(row.GetString(row.GetOrdinal("Id"))),
        PhoneNumber = row.IsDBNull(row.GetOrdinal("PhoneNumber")) ? null : row.GetString(row.GetOrdinal("PhoneNumber")),
        DateJoined = UtcTicksConverter.FromStored(row.GetInt64(row.GetOrdinal("DateJoined"))),
        LockoutEnd = Ticks(row, "LockoutEnd"),
    };

    public static void BindNewUser(SqliteStatement statement, PilitoUser user)
    {
        statement["$id"] = Stored(user.Id);
        statement["$userName"] = user.UserName;
        statement["$normalizedUserName"] = user.NormalizedUserName;
        statement["$phone"] = user.PhoneNumber;
        statement["$phoneConfirmed"] = user.PhoneNumberConfirmed;
        statement["$securityStamp"] = user.SecurityStamp;
        statement["$concurrencyStamp"] = user.ConcurrencyStamp;
        statement["$lockoutEnabled"] = user.LockoutEnabled;
        statement["$dateJoined"] = UtcTicksConverter.ToStored(user.DateJoined);
        statement["$lastLoginAt"] = Stored(user.LastLoginAt);
    }

    public static void BindSignIn(SqliteStatement statement, PilitoUser user)
    {
        statement["$id"] = Stored(user.Id);
        statement["$at"] = Stored(user.LastLoginAt);
        statement["$concurrencyStamp"] = user.ConcurrencyStamp;
    }

    public static void BindNewRefreshToken(SqliteStatement statement, RefreshToken token)
    {
        statement["$userId"] = Stored(token.UserId);
        statement["$familyId"] = Stored(token.FamilyId);
        statement["$hash"] = token.TokenHash;
        statement["$createdAt"] = UtcTicksConverter.ToStored(token.CreatedAt);
        statement["$expiresAt"] = UtcTicksConverter.ToStored(token.ExpiresAt);
        statement["$usedAt"] = Stored(token.UsedAt);
        statement["$revokedAt"] = Stored(token.RevokedAt);
        statement["$version"] = token.Version;
    }

    private static string Stored(Guid id) => id.ToString().ToUpperInvariant();

    private static long? Stored(DateTimeOffset? instant) => instant is { } value ? UtcTicksConverter.ToStored(value) : null;

    private static DateTimeOffset? Ticks(SqliteDataReader row, string column)
    {
        var ordinal = row.GetOrdinal(column);
        return row.IsDBNull(ordinal) ? null : UtcTicksConverter.FromStored(row.GetInt64(ordinal));
    }
}
