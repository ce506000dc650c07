using Microsoft.Data.Sqlite;
using Pilito.Infrastructure.Identity;

namespace Pilito.Infrastructure.Persistence.GroupCommit.Sqlite;

/// <summary>
/// What a sign-in reads and writes of AspNetUsers on the writer's SQLite path, as EF Core stores it (GUIDs as
/// upper-case text, instants as ticks, booleans as 0/1).
/// </summary>
internal static class AccountColumns
{
    private static readonly string[] UserColumns = ["Id", "PhoneNumber", "DateJoined", "LockoutEnd"];
    private static readonly Dictionary<string, int> Ordinals = UserColumns.Index().ToDictionary(c => c.Item, c => c.Index);

    /// <summary>Only what a sign-in reads of an account, in the order <see cref="ReadUser"/> finds it.</summary>
    public static string UserSelectList { get; } = string.Join(", ", UserColumns);

    /// <summary>Only what a sign-in reads (<see cref="UserSelectList"/>); it writes back only the last sign-in and the concurrency stamp.</summary>
    public static PilitoUser ReadUser(SqliteDataReader row) => new()
    {
        Id = Guid.Parse(row.GetString(Ordinals["Id"])),
        PhoneNumber = SqliteValues.Text(row, Ordinals["PhoneNumber"]),
        DateJoined = UtcTicksConverter.FromStored(row.GetInt64(Ordinals["DateJoined"])),
        LockoutEnd = SqliteValues.Instant(row, Ordinals["LockoutEnd"]),
    };

    public static void BindNewUser(SqliteStatement statement, PilitoUser user)
    {
        BindPhoneChange(statement, user);
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

    /// <summary>The account's phone and what goes with it (names, stamps): all a move changes, and part of a new account.</summary>
    public static void BindPhoneChange(SqliteStatement statement, PilitoUser user)
    {
        statement["$id"] = SqliteValues.Stored(user.Id);
        statement["$userName"] = user.UserName;
        statement["$normalizedUserName"] = user.NormalizedUserName;
        statement["$phone"] = user.PhoneNumber;
        statement["$phoneConfirmed"] = user.PhoneNumberConfirmed;
        statement["$securityStamp"] = user.SecurityStamp;
        statement["$concurrencyStamp"] = user.ConcurrencyStamp;
    }
}
