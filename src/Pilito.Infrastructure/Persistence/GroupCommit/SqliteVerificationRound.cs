using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Pilito.Domain.Accounts;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;
using Pilito.Infrastructure.Identity;

namespace Pilito.Infrastructure.Persistence.GroupCommit;

/// <summary>
/// A verification on the writer's SQLite connection, as prepared statements (<see cref="SqliteVerificationStatements"/>):
/// the token is read into the domain's own <see cref="OtpToken"/>, which checks the code; the writes run in
/// <see cref="SaveAsync"/>. EF Core's read of the token (a new command, parsed again, per verification) took about
/// 40 % of the single writer's staging time.
/// </summary>
internal sealed class SqliteVerificationRound(SqliteWriteStatements sql, ILookupNormalizer normalizer, IdentityOptions identity)
    : VerificationRound(normalizer, identity)
{
    private readonly SqliteVerificationStatements _statements = sql.Verification;
    private readonly List<(OtpToken Token, int LoadedVersion)> _tokens = [];
    private readonly List<VerifyFailure> _failures = [];
    private readonly List<PilitoUser> _newUsers = [];
    private readonly List<PilitoUser> _signedIn = [];
    private readonly List<RefreshToken> _refreshTokens = [];

    public override async Task<int> CountFailuresSinceAsync(PhoneNumber phone, DateTimeOffset since, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var count = await sql.Bind(_statements.CountFailures, phone.E164, UtcTicksConverter.ToStored(since), max).ExecuteScalarAsync(cancellationToken);
        return Convert.ToInt32(count, System.Globalization.CultureInfo.InvariantCulture);
    }

    public override async Task<OtpToken?> FindNewestTokenAsync(PhoneNumber phone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        OtpToken token;
        await using (var row = await sql.Bind(_statements.NewestToken, phone.E164).ExecuteReaderAsync(cancellationToken))
        {
            if (!await row.ReadAsync(cancellationToken))
                return null;
            token = OtpToken.Restore(ReadToken(row));
        }

        _tokens.Add((token, token.Version));
        return token;
    }

    public override void RecordFailure(PhoneNumber phone, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(phone);
        _failures.Add(new VerifyFailure { PhoneNumber = phone.E164, OccurredAt = at });
    }

    public override void AddRefreshToken(RefreshToken token) => _refreshTokens.Add(token);

    public override async Task SaveAsync(CancellationToken cancellationToken)
    {
        foreach (var (token, loadedVersion) in _tokens.Where(t => t.Token.Version != t.LoadedVersion))
        {
            var saved = await sql.Bind(_statements.SaveVerification,
                    token.Status.ToString(),
                    token.FailedAttempts,
                    Stored(token.VerifiedAt),
                    token.Version,
                    token.Id,
                    loadedVersion)
                .ExecuteNonQueryAsync(cancellationToken);
            if (saved != 1) // the round holds the write lock from its first statement: nothing else can have changed it
                throw new InvalidOperationException($"OTP token {token.Id} changed inside the write round.");
        }

        foreach (var failure in _failures)
            await sql.Bind(_statements.AddFailure, failure.PhoneNumber, UtcTicksConverter.ToStored(failure.OccurredAt)).ExecuteNonQueryAsync(cancellationToken);
        foreach (var user in _newUsers)
            await AddUserAsync(user, cancellationToken);
        foreach (var user in _signedIn)
            await sql.Bind(_statements.RecordSignIn, Stored(user.LastLoginAt), user.ConcurrencyStamp, SqliteVerificationStatements.Stored(user.Id)).ExecuteNonQueryAsync(cancellationToken);
        foreach (var token in _refreshTokens)
            await AddRefreshTokenAsync(token, cancellationToken);
    }

    protected override async Task<PilitoUser?> FindUserAsync(string normalizedUserName, CancellationToken cancellationToken)
    {
        await using var row = await sql.Bind(_statements.FindUser, normalizedUserName).ExecuteReaderAsync(cancellationToken);
        if (!await row.ReadAsync(cancellationToken))
            return null;
        // Only what a sign-in reads; it writes back only the last sign-in and the concurrency stamp (RecordSignIn).
        return new PilitoUser
        {
            Id = Guid.Parse(row.GetString(0)),
            PhoneNumber = Text(row, 1),
            DateJoined = UtcTicksConverter.FromStored(row.GetInt64(2)),
            LockoutEnd = Instant(row, 3),
        };
    }

    protected override void AddUser(PilitoUser user) => _newUsers.Add(user);

    protected override void SignedIn(PilitoUser user) => _signedIn.Add(user);

    private Task<int> AddUserAsync(PilitoUser user, CancellationToken cancellationToken) =>
        sql.Bind(_statements.AddUser,
                SqliteVerificationStatements.Stored(user.Id),
                user.UserName,
                user.NormalizedUserName,
                user.PhoneNumber,
                user.PhoneNumberConfirmed,
                user.SecurityStamp,
                user.ConcurrencyStamp,
                user.LockoutEnabled,
                UtcTicksConverter.ToStored(user.DateJoined),
                Stored(user.LastLoginAt))
            .ExecuteNonQueryAsync(cancellationToken);

    private Task<int> AddRefreshTokenAsync(RefreshToken token, CancellationToken cancellationToken) =>
        sql.Bind(_statements.AddRefreshToken,
                SqliteVerificationStatements.Stored(token.UserId),
                SqliteVerificationStatements.Stored(token.FamilyId),
                token.TokenHash,
                UtcTicksConverter.ToStored(token.CreatedAt),
                UtcTicksConverter.ToStored(token.ExpiresAt),
                Stored(token.UsedAt),
                Stored(token.RevokedAt),
                token.Version)
            .ExecuteNonQueryAsync(cancellationToken);

    private static StoredOtpToken ReadToken(SqliteDataReader row) => new()
    {
        Id = row.GetInt64(0),
        Phone = PhoneNumber.FromE164(row.GetString(1)),
        CodeHash = (byte[])row.GetValue(2),
        CreatedAt = UtcTicksConverter.FromStored(row.GetInt64(3)),
        ExpiresAt = UtcTicksConverter.FromStored(row.GetInt64(4)),
        Status = SqliteWriteStatements.Status(row.GetString(5)),
        FailedAttempts = row.GetInt32(6),
        VerifiedAt = Instant(row, 7),
        ClientIp = Text(row, 8),
        DeliveryProvider = Text(row, 9),
        ProviderMessageId = Text(row, 10),
        ProviderStatusCode = row.IsDBNull(11) ? null : row.GetInt32(11),
        ProviderError = Text(row, 12),
        SentAt = Instant(row, 13),
        DeliveryStatus = row.IsDBNull(14) ? null : row.GetInt32(14),
        DeliveryStatusText = Text(row, 15),
        DeliveryCheckedAt = Instant(row, 16),
        RevokedAt = Instant(row, 17),
        Version = row.GetInt32(18),
    };

    private static string? Text(SqliteDataReader row, int column) => row.IsDBNull(column) ? null : row.GetString(column);

    private static DateTimeOffset? Instant(SqliteDataReader row, int column) =>
        row.IsDBNull(column) ? null : UtcTicksConverter.FromStored(row.GetInt64(column));

    private static long? Stored(DateTimeOffset? instant) => instant is { } value ? UtcTicksConverter.ToStored(value) : null;
}
