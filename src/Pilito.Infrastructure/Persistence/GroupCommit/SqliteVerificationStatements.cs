using Microsoft.Data.Sqlite;

namespace Pilito.Infrastructure.Persistence.GroupCommit;

/// <summary>
/// The statements a verification writes on SQLite, prepared once on the writer's connection. Columns are stored as
/// EF Core stores them (instants as <see cref="UtcTicksConverter"/> ticks, GUIDs as upper-case text, booleans as
/// 0/1), so EF reads back what these write.
/// </summary>
internal sealed class SqliteVerificationStatements(Func<string, string[], SqliteCommand> prepare) : IAsyncDisposable
{
    /// <summary>Every column of the phone's newest token, in <see cref="SqliteVerificationRound"/>'s reading order.</summary>
    public SqliteCommand NewestToken { get; } = prepare(
        "SELECT Id, PhoneNumber, CodeHash, CreatedAt, ExpiresAt, Status, FailedAttempts, VerifiedAt, ClientIp, " +
        "DeliveryProvider, ProviderMessageId, ProviderStatusCode, ProviderError, SentAt, DeliveryStatus, DeliveryStatusText, " +
        "DeliveryCheckedAt, RevokedAt, Version FROM OtpTokens WHERE PhoneNumber = $phone ORDER BY CreatedAt DESC, Id DESC LIMIT 1",
        ["$phone"]);

    public SqliteCommand CountFailures { get; } = prepare(
        "SELECT COUNT(*) FROM (SELECT 1 FROM VerifyFailures WHERE PhoneNumber = $phone AND OccurredAt > $since LIMIT $max)",
        ["$phone", "$since", "$max"]);

    public SqliteCommand AddFailure { get; } = prepare(
        "INSERT INTO VerifyFailures (PhoneNumber, OccurredAt) VALUES ($phone, $at)",
        ["$phone", "$at"]);

    public SqliteCommand SaveVerification { get; } = prepare(
        "UPDATE OtpTokens SET Status = $status, FailedAttempts = $failed, VerifiedAt = $verifiedAt, Version = $version " +
        "WHERE Id = $id AND Version = $loadedVersion",
        ["$status", "$failed", "$verifiedAt", "$version", "$id", "$loadedVersion"]);

    public SqliteCommand FindUser { get; } = prepare(
        "SELECT Id, PhoneNumber, DateJoined, LockoutEnd FROM AspNetUsers WHERE NormalizedUserName = $name",
        ["$name"]);

    public SqliteCommand AddUser { get; } = prepare(
        "INSERT INTO AspNetUsers (Id, UserName, NormalizedUserName, PhoneNumber, PhoneNumberConfirmed, SecurityStamp, " +
        "ConcurrencyStamp, LockoutEnabled, EmailConfirmed, TwoFactorEnabled, AccessFailedCount, DateJoined, LastLoginAt) " +
        "VALUES ($id, $userName, $normalizedUserName, $phone, $phoneConfirmed, $securityStamp, $concurrencyStamp, " +
        "$lockoutEnabled, 0, 0, 0, $dateJoined, $lastLoginAt)",
        ["$id", "$userName", "$normalizedUserName", "$phone", "$phoneConfirmed", "$securityStamp", "$concurrencyStamp",
            "$lockoutEnabled", "$dateJoined", "$lastLoginAt"]);

    public SqliteCommand RecordSignIn { get; } = prepare(
        "UPDATE AspNetUsers SET LastLoginAt = $at, ConcurrencyStamp = $concurrencyStamp WHERE Id = $id",
        ["$at", "$concurrencyStamp", "$id"]);

    public SqliteCommand AddRefreshToken { get; } = prepare(
        "INSERT INTO RefreshTokens (UserId, FamilyId, TokenHash, CreatedAt, ExpiresAt, UsedAt, RevokedAt, Version) " +
        "VALUES ($userId, $familyId, $hash, $createdAt, $expiresAt, $usedAt, $revokedAt, $version)",
        ["$userId", "$familyId", "$hash", "$createdAt", "$expiresAt", "$usedAt", "$revokedAt", "$version"]);

    /// <summary>A GUID as EF Core's SQLite provider stores it.</summary>
    public static string Stored(Guid id) => id.ToString().ToUpperInvariant();

    public async ValueTask DisposeAsync()
    {
        foreach (var command in new[] { NewestToken, CountFailures, AddFailure, SaveVerification, FindUser, AddUser, RecordSignIn, AddRefreshToken })
            await command.DisposeAsync();
    }
}
