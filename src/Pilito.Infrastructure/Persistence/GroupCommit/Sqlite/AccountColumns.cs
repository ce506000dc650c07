using Microsoft.Data.Sqlite;
using Pilito.Infrastructure.Identity;

namespace Pilito.Infrastructure.Persistence.GroupCommit.Sqlite;

/// <summary>
/// What a sign-in reads and writes of AspNetUsers on the writer's SQLite path, as EF Core stores it (GUIDs as
/// upper-case text, instants as ticks, booleans as 0/1).
/// </summary>
internal static class AccountColumns
{
    /// <summary>Only what a sign-in reads (<see cref="SqliteWriteStatements.UserColumns"/>); it writes back only the last sign-in and the concurrency stamp.</summary>
    public static PilitoUser ReadUser(SqliteDataReader row) => new()
    {
        Id = Guid.Parse(row.GetString(row.GetOrdinal("Id"))),
        PhoneNumber = SqliteValues.Text(row, row.GetOrdinal("PhoneNumber")),
        DateJoined = UtcTicksConverter.FromStored(row.GetInt64(row.GetOrdinal("DateJoined"))),
        LockoutEnd = SqliteValues.Instant(row, row.GetOrdinal("LockoutEnd")),
    };

    public static void BindNewUser(SqliteStatement statement, PilitoUser user)
    {
        statement["$id"] = SqliteValues.Stored(user.Id);
        statement["$userName"] = user.UserName;
        statement["$normalizedUserName"] = user.NormalizedUserName;
        statement["$phone"] = user.PhoneNumber;
        statement["$phoneConfirmed"] = user.PhoneNumberConfirmed;
        statement["$securityStamp"] = user.SecurityStamp;
        statement["$concurrencyStamp"] = user.ConcurrencyStamp;
        statement["$lockoutEnabled"] = user.LockoutEnabled;
        statement["$dateJoined"] = UtcTicksConverter.ToStored(user.DateJoined);
        statement["$lastLoginAt"] = SqliteValues.Stored(user.LastLoginAt);
    }

    public static void BindSignIn(SqliteStatement statement, PilitoUser user)
    {
        statement["$id"] = SqliteValues.Stored(user.Id);
        statement["$at"] = SqliteValues.Stored(user.LastLoginAt);
        statement["$concurrencyStamp"] = user.ConcurrencyStamp;
    }
}
