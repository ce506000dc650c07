using System.Data.Common;
using Pilito.Infrastructure.Identity;

namespace Pilito.Infrastructure.Persistence.GroupCommit.Rows;

/// <summary>
/// What a sign-in reads and writes of AspNetUsers on the writer's own paths (SQLite, PostgreSQL), as EF Core stores
/// it (instants as ticks; GUIDs and booleans as each provider stores them). The SQL suits both.
/// </summary>
internal static class AccountColumns
{
    private static readonly string[] UserColumns = ["Id", "PhoneNumber", "NormalizedUserName", "DateJoined", "LockoutEnd"];
    private static readonly Dictionary<string, int> Ordinals = UserColumns.Index().ToDictionary(c => c.Item, c => c.Index);

    /// <summary>Only what a sign-in reads of an account, in the order <see cref="ReadUser"/> finds it.</summary>
    public static string UserSelectList { get; } = string.Join(", ", UserColumns.Select(SqlNames.Quoted));

    public static string FindByNameSql { get; } = $"SELECT {UserSelectList} FROM \"AspNetUsers\" WHERE \"NormalizedUserName\" = $name";

    public static string FindByIdSql { get; } = $"SELECT {UserSelectList} FROM \"AspNetUsers\" WHERE \"Id\" = $id";

    /// <summary>Each column a new account is inserted with, and its value: a parameter, or the same for every account.</summary>
    public static IReadOnlyList<(string Column, string Value)> NewUserValues { get; } =
    [
        ("Id", "$id"), ("UserName", "$userName"), ("NormalizedUserName", "$normalizedUserName"), ("PhoneNumber", "$phone"),
        ("PhoneNumberConfirmed", "$phoneConfirmed"), ("SecurityStamp", "$securityStamp"), ("ConcurrencyStamp", "$concurrencyStamp"),
        ("LockoutEnabled", "$lockoutEnabled"), ("EmailConfirmed", "FALSE"), ("TwoFactorEnabled", "FALSE"), ("AccessFailedCount", "0"),
        ("DateJoined", "$dateJoined"), ("LastLoginAt", "$lastLoginAt"),
    ];

    /// <summary>What a sign-in sets: the last sign-in and the concurrency stamp.</summary>
    public static IReadOnlyList<(string Column, string Value)> SignInValues { get; } = [("LastLoginAt", "$at"), ("ConcurrencyStamp", "$concurrencyStamp")];

    /// <summary>What a move to another phone sets. The unique index on NormalizedUserName refuses a name another account holds: the handler's check is first.</summary>
    public static IReadOnlyList<(string Column, string Value)> PhoneChangeValues { get; } =
    [
        ("UserName", "$userName"), ("NormalizedUserName", "$normalizedUserName"), ("PhoneNumber", "$phone"),
        ("PhoneNumberConfirmed", "$phoneConfirmed"), ("SecurityStamp", "$securityStamp"), ("ConcurrencyStamp", "$concurrencyStamp"),
    ];

    /// <summary>The account a sign-in or a move changes.</summary>
    public static IReadOnlyList<(string Column, string Value)> ById { get; } = [("Id", "$id")];

    /// <summary>The type of each parameter the account statements bind (<see cref="BindNewUser"/>, <see cref="BindSignIn"/>, <see cref="BindPhoneChange"/>).</summary>
    public static IReadOnlyDictionary<string, Type> ParameterTypes { get; } = new Dictionary<string, Type>
    {
        ["$id"] = typeof(Guid),
        ["$userName"] = typeof(string),
        ["$normalizedUserName"] = typeof(string),
        ["$phone"] = typeof(string),
        ["$phoneConfirmed"] = typeof(bool),
        ["$securityStamp"] = typeof(string),
        ["$concurrencyStamp"] = typeof(string),
        ["$lockoutEnabled"] = typeof(bool),
        ["$dateJoined"] = typeof(long),
        ["$lastLoginAt"] = typeof(long?),
        ["$at"] = typeof(long?),
    };

    public static string AddUserSql { get; } =
        $"INSERT INTO \"AspNetUsers\" ({string.Join(", ", NewUserValues.Select(v => SqlNames.Quoted(v.Column)))}) VALUES ({string.Join(", ", NewUserValues.Select(v => v.Value))})";

    public static string RecordSignInSql { get; } = UpdateById(SignInValues);

    public static string ChangePhoneSql { get; } = UpdateById(PhoneChangeValues);

    /// <summary>Only what a sign-in reads (<see cref="UserSelectList"/>); it writes back only the last sign-in and the concurrency stamp.</summary>
    public static PilitoUser ReadUser(DbDataReader row) => new()
    {
        Id = StoredValues.Uuid(row, Ordinals["Id"]),
        PhoneNumber = StoredValues.Text(row, Ordinals["PhoneNumber"]),
        NormalizedUserName = StoredValues.Text(row, Ordinals["NormalizedUserName"]), // what a round's read-ahead knows it by
        DateJoined = UtcTicksConverter.FromStored(row.GetInt64(Ordinals["DateJoined"])),
        LockoutEnd = StoredValues.Instant(row, Ordinals["LockoutEnd"]),
    };

    public static void BindNewUser(IStatementParameters statement, PilitoUser user)
    {
        BindPhoneChange(statement, user);
        statement["$lockoutEnabled"] = user.LockoutEnabled;
        statement["$dateJoined"] = UtcTicksConverter.ToStored(user.DateJoined);
        statement["$lastLoginAt"] = StoredValues.Stored(user.LastLoginAt);
    }

    public static void BindSignIn(IStatementParameters statement, PilitoUser user)
    {
        statement["$id"] = user.Id;
        statement["$at"] = StoredValues.Stored(user.LastLoginAt);
        statement["$concurrencyStamp"] = user.ConcurrencyStamp;
    }

    /// <summary>The account's phone and what goes with it (names, stamps): all a move changes, and part of a new account.</summary>
    public static void BindPhoneChange(IStatementParameters statement, PilitoUser user)
    {
        statement["$id"] = user.Id;
        statement["$userName"] = user.UserName;
        statement["$normalizedUserName"] = user.NormalizedUserName;
        statement["$phone"] = user.PhoneNumber;
        statement["$phoneConfirmed"] = user.PhoneNumberConfirmed;
        statement["$securityStamp"] = user.SecurityStamp;
        statement["$concurrencyStamp"] = user.ConcurrencyStamp;
    }

    private static string UpdateById(IReadOnlyList<(string Column, string Value)> set) =>
        $"UPDATE \"AspNetUsers\" SET {string.Join(", ", set.Select(c => $"{SqlNames.Quoted(c.Column)} = {c.Value}"))} WHERE \"Id\" = $id";
}
