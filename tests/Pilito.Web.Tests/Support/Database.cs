using Microsoft.Data.Sqlite;

namespace Pilito.Web.Tests.Support;

/// <summary>Reads an app's database directly, as an operator would (SQLite; the helpers used by fixtures run on both providers also PostgreSQL).</summary>
public static class Database
{
    /// <summary>
    /// A SQL Server connection string that is never opened: for the provider's model, migrations and SQL. The app's
    /// start still tries it once (Data Protection loads its key ring from the database) and logs the failure: one
    /// second's timeout, not SqlClient's fifteen, keeps that out of the fast run.
    /// </summary>
    public const string UnopenedSqlServer = "Server=127.0.0.1,1;Database=Pilito;User Id=sa;Password=x;TrustServerCertificate=True;Connect Timeout=1";

    /// <summary>An open connection to the app's database, whichever the provider (SQL with quoted identifiers and @names runs on both).</summary>
    public static async Task<System.Data.Common.DbConnection> OpenAsync(PilitoApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        System.Data.Common.DbConnection connection = app.Provider == TestProvider.PostgreSql
            ? new Npgsql.NpgsqlConnection(app.ConnectionString)
            : new SqliteConnection(app.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public static async Task<Dictionary<string, object?>> ReadNewestTokenAsync(PilitoApp app, string e164)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var connection = await OpenAsync(app);
        await using var command = connection.CreateCommand();
        // Quoted names and an @ parameter: the same statement on SQLite and PostgreSQL.
        command.CommandText = """SELECT * FROM "OtpTokens" WHERE "PhoneNumber" = @phone ORDER BY "Id" DESC LIMIT 1""";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "phone";
        parameter.Value = e164;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.That(await reader.ReadAsync(), Is.True, $"no token for {e164}");
        return Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i));
    }

    public static Task<long> CountTokensAsync(PilitoApp app, string e164) =>
        app?.Provider == TestProvider.PostgreSql
            ? PostgreSqlDatabase.ScalarAsync(app, """SELECT COUNT(*) FROM "OtpTokens" WHERE "PhoneNumber" = @phone""", ("phone", e164))
            : ScalarAsync(app!, "SELECT COUNT(*) FROM OtpTokens WHERE PhoneNumber = $phone", ("$phone", e164));

    /// <summary>A user id as a parameter value: SQLite stores it as upper-case text, PostgreSQL as a uuid.</summary>
    public static object UserId(PilitoApp app, Guid id) =>
        app?.Provider == TestProvider.PostgreSql ? id : id.ToString().ToUpperInvariant();

    /// <summary>The user's refresh tokens that are not revoked.</summary>
    public static Task<long> CountUnrevokedRefreshTokensAsync(PilitoApp app, Guid userId) =>
        app?.Provider == TestProvider.PostgreSql
            ? PostgreSqlDatabase.ScalarAsync(app, """SELECT COUNT(*) FROM "RefreshTokens" WHERE "UserId" = @id AND "RevokedAt" IS NULL""", ("id", userId))
            : ScalarAsync(app!, "SELECT COUNT(*) FROM RefreshTokens WHERE UserId = $id AND RevokedAt IS NULL", ("$id", userId.ToString().ToUpperInvariant()));

    /// <summary>The one number <paramref name="sql"/> answers (a count, a sum), with its parameters bound by name.</summary>
    /// On PostgreSQL the SQL must quote identifiers ("OtpTokens") and name parameters @name, which SQLite reads too.
    public static async Task<long> ScalarAsync(PilitoApp app, string sql, params (string Name, object Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(parameters);
        if (app.Provider == TestProvider.PostgreSql)
            return await PostgreSqlDatabase.ScalarAsync(app, sql, parameters);
        await using var connection = new SqliteConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every staff audit entry, oldest first, each as its columns.</summary>
    public static async Task<List<Dictionary<string, object?>>> AuditEntriesAsync(PilitoApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var connection = new SqliteConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM StaffAuditEntries ORDER BY Id";
        var rows = new List<Dictionary<string, object?>>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
        return rows;
    }

    /// <summary>The statuses of the phone's tokens, oldest first.</summary>
    public static async Task<List<string>> StatusesAsync(PilitoApp app, string e164)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Provider == TestProvider.PostgreSql)
            return await PostgreSqlDatabase.StatusesAsync(app, e164);
        await using var connection = new SqliteConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Status FROM OtpTokens WHERE PhoneNumber = $phone ORDER BY Id";
        command.Parameters.AddWithValue("$phone", e164);
        var statuses = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            statuses.Add(reader.GetString(0));
        return statuses;
    }

    /// <summary>
    /// A database made outside Pilito, as the sqlite3 tool or an older release leaves one: it exists, in SQLite's
    /// default rollback journal (not WAL), with an empty migrations history.
    /// </summary>
    public static async Task CreateForeignAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """CREATE TABLE "__EFMigrationsHistory" ("MigrationId" TEXT NOT NULL PRIMARY KEY, "ProductVersion" TEXT NOT NULL)""";
        await command.ExecuteNonQueryAsync();
    }
}
