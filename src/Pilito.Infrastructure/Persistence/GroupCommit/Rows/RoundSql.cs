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

    /// <summary>The table a count is added to, named <c>c</c> for <see cref="AddedToExisting"/>.</summary>
    public const string CountsTable = "\"LimitCounts\" AS c";

    /// <summary>The columns of a minute's count, and what an addition binds to them.</summary>
    public static IReadOnlyList<(string Column, string Value)> CountValues { get; } =
        [("Scope", "$scope"), ("Key", "$key"), ("MinuteStart", "$minute"), ("Count", "$added")];

    /// <summary>The type of each parameter of <see cref="CountValues"/>.</summary>
    public static IReadOnlyDictionary<string, Type> CountParameterTypes { get; } = new Dictionary<string, Type>
    {
        ["$scope"] = typeof(string),
        ["$key"] = typeof(string),
        ["$minute"] = typeof(long),
        ["$added"] = typeof(int),
    };

    /// <summary>What makes an insert of a minute that has a row already an addition to its count.</summary>
    public const string AddedToExisting =
        "ON CONFLICT (\"Scope\", \"Key\", \"MinuteStart\") DO UPDATE SET \"Count\" = c.\"Count\" + excluded.\"Count\"";

    /// <summary>Adds to a minute's count, making its row if there is none.</summary>
    public static string AddCount { get; } =
        $"INSERT INTO {CountsTable} ({string.Join(", ", CountValues.Select(v => SqlNames.Quoted(v.Column)))}) " +
        $"VALUES ({string.Join(", ", CountValues.Select(v => v.Value))}) {AddedToExisting}";

    public static string RefreshTokenByHash { get; } = $"{RefreshTokens} WHERE \"TokenHash\" = $hash";

    public static string RefreshFamily { get; } = $"{RefreshTokens} WHERE \"FamilyId\" = $familyId";

    public static string UnrevokedRefreshTokens { get; } = $"{RefreshTokens} WHERE \"UserId\" = $userId AND \"RevokedAt\" IS NULL";
}
