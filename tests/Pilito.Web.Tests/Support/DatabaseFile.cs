using Microsoft.Data.Sqlite;

namespace Pilito.Web.Tests.Support;

/// <summary>A SQLite file used by server processes, read directly as an operator would.</summary>
public static class DatabaseFile
{
    public static string NewPath() => Path.Combine(Path.GetTempPath(), $"pilito-process-{Guid.NewGuid():N}.db");

    /// <summary>A new database for server processes: a SQLite file's path, or a database name on the run's PostgreSQL cluster.</summary>
    public static string New(TestProvider provider) =>
        provider == TestProvider.PostgreSql ? PostgreSqlCluster.NewDatabaseName() : NewPath();

    /// <summary>The status of every phone's newest token, by phone (E.164), on either provider.</summary>
    public static Task<Dictionary<string, string>> NewestStatusesAsync(TestProvider provider, string database) =>
        provider == TestProvider.PostgreSql
            ? PostgreSqlDatabase.NewestStatusesAsync(PostgreSqlCluster.Shared.ConnectionString(database))
            : NewestStatusesAsync(database);

    /// <summary>Deletes a SQLite file (<see cref="Delete(string)"/>); a PostgreSQL database goes with the cluster.</summary>
    public static void Delete(TestProvider provider, string database)
    {
        if (provider == TestProvider.Sqlite)
            Delete(database);
    }

    /// <summary>The status of every phone's newest token, by phone (E.164).</summary>
    public static async Task<Dictionary<string, string>> NewestStatusesAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT PhoneNumber, Status FROM OtpTokens ORDER BY Id";
        var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            statuses[reader.GetString(0)] = reader.GetString(1);
        return statuses;
    }

    /// <summary>Lets go of the file (pooled connections), then deletes it and its WAL files.</summary>
    public static void Delete(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            File.Delete(path + suffix);
    }
}
