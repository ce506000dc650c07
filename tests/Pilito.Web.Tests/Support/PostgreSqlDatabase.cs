using Npgsql;

namespace Pilito.Web.Tests.Support;

/// <summary>Reads an app's PostgreSQL database directly, as an operator would with psql (identifiers quoted: EF keeps their case).</summary>
public static class PostgreSqlDatabase
{
    public static async Task<long> ScalarAsync(PilitoApp app, string sql, params (string Name, object Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(parameters);
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The statuses of the phone's tokens, oldest first.</summary>
    public static async Task<List<string>> StatusesAsync(PilitoApp app, string e164)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "Status" FROM "OtpTokens" WHERE "PhoneNumber" = @phone ORDER BY "Id" """, connection);
        command.Parameters.AddWithValue("phone", e164);
        var statuses = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            statuses.Add(reader.GetString(0));
        return statuses;
    }

    /// <summary>The status of every phone's newest token, by phone (E.164).</summary>
    public static async Task<Dictionary<string, string>> NewestStatusesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "PhoneNumber", "Status" FROM "OtpTokens" ORDER BY "Id" """, connection);
        var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            statuses[reader.GetString(0)] = reader.GetString(1);
        return statuses;
    }

    /// <summary>Whether the run's cluster has a database of that name (asked of the maintenance database).</summary>
    public static async Task<bool> DatabaseExistsAsync(string database)
    {
        await using var connection = new NpgsqlConnection(PostgreSqlCluster.Shared.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", database);
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }

    /// <summary>Creates an empty database, as an operator whose database user may not create one does first.</summary>
    public static async Task CreateEmptyAsync(string database)
    {
        await using var connection = new NpgsqlConnection(PostgreSqlCluster.Shared.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection); // a name of NewDatabaseName's letters and digits
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The tables of the database's public schema.</summary>
    public static async Task<List<string>> TablesAsync(string database)
    {
        await using var connection = new NpgsqlConnection(PostgreSqlCluster.Shared.ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", connection);
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            tables.Add(reader.GetString(0));
        return tables;
    }
}
