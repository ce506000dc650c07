using Pilito.Domain.Otp;

namespace Pilito.Infrastructure.Persistence.GroupCommit.Rows;

/// <summary>
/// The reads of a write round, in SQL that SQLite and PostgreSQL both run (quoted names, <c>$name</c> parameters),
/// each on an index: a phone's tokens on (PhoneNumber, CreatedAt), counts on their key, refresh tokens on their hash,
/// family or user.
/// </summary>
internal static class RoundSql
{
    private static readonly string Tokens = $"SELECT {OtpTokenColumns.Map.SelectList} FROM \"OtpTokens\"";
    private static readonly string RefreshTokens = $"SELECT {RefreshTokenColumns.Map.SelectList} FROM \"RefreshTokens\"";

    /// <summary>One parameter per status of <see cref="OtpToken.UsableStatuses"/>: the domain names them, not the SQL.</summary>
    private static readonly string[] UsableStatusParameters = OtpToken.UsableStatuses.Select((_, i) => $"$usable{i}").ToArray();
    private static readonly string[] UsableStatusNames = OtpToken.UsableStatuses.Select(s => s.ToString()).ToArray();

    public static string TokenById { get; } = $"{Tokens} WHERE \"Id\" = $id";

    public static string TokenByVerificationId { get; } =
        $"{Tokens} WHERE \"PhoneNumber\" = $phone AND \"VerificationId\" = $verificationId ORDER BY \"CreatedAt\" DESC, \"Id\" DESC LIMIT 1";

    public static string NewestToken { get; } = $"{Tokens} WHERE \"PhoneNumber\" = $phone ORDER BY \"CreatedAt\" DESC, \"Id\" DESC LIMIT 1";

    public static string UsableTokens { get; } = $"{Tokens} WHERE \"PhoneNumber\" = $phone AND \"Status\" IN ({string.Join(", ", UsableStatusParameters)})";

    /// <summary>Sets the parameters of <see cref="UsableTokens"/> that stand for <see cref="OtpToken.UsableStatuses"/>.</summary>
    public static void BindUsableStatuses(IStatementParameters statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        for (var i = 0; i < UsableStatusParameters.Length; i++)
            statement[UsableStatusParameters[i]] = UsableStatusNames[i];
    }

    public const string CreationTimes =
        "SELECT \"CreatedAt\" FROM \"OtpTokens\" WHERE \"PhoneNumber\" = $phone AND \"CreatedAt\" > $since ORDER BY \"CreatedAt\"";

    public const string Counts =
        "SELECT \"MinuteStart\", \"Count\" FROM \"LimitCounts\" WHERE \"Scope\" = $scope AND \"Key\" = $key AND \"MinuteStart\" >= $from";

    /// <summary>Adds to a minute's count, making its row if there is none; the table names the row being added to.</summary>
    public const string AddCount =
        "INSERT INTO \"LimitCounts\" AS c (\"Scope\", \"Key\", \"MinuteStart\", \"Count\") VALUES ($scope, $key, $minute, $added) " +
        "ON CONFLICT (\"Scope\", \"Key\", \"MinuteStart\") DO UPDATE SET \"Count\" = c.\"Count\" + excluded.\"Count\"";

    public static string RefreshTokenByHash { get; } = $"{RefreshTokens} WHERE \"TokenHash\" = $hash";

    public static string RefreshFamily { get; } = $"{RefreshTokens} WHERE \"FamilyId\" = $familyId";

    public static string UnrevokedRefreshTokens { get; } = $"{RefreshTokens} WHERE \"UserId\" = $userId AND \"RevokedAt\" IS NULL";
}
