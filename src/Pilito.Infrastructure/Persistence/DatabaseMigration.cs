using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Pilito.Infrastructure.Persistence;

/// <summary>Brings the database to the model: `migrate`, and the server's start with Database:MigrateOnStartup.</summary>
public static class DatabaseMigration
{
    /// <summary>The SQLSTATE PostgreSQL answers a connection to a database that does not exist with.</summary>
    private const string InvalidCatalogName = "3D000";

    /// <summary>
    /// Creates a missing PostgreSQL database, applies the pending migrations and returns their names. EF Core would
    /// create the database too, but only after its own connection to it had failed, and on an empty database it
    /// reads the migrations history table before creating it; each failure is logged as an error, so a healthy first
    /// start would show an operator failures. So the database is looked for first, on a connection of its own (a
    /// missing one is not an error), and the history table is created before anything reads it.
    /// </summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(PilitoDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db is PostgreSqlPilitoDbContext)
        {
            if (!await PostgreSqlDatabaseExistsAsync(db.Database.GetConnectionString()!, cancellationToken))
                await db.GetService<IRelationalDatabaseCreator>().CreateAsync(cancellationToken);
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        return pending;
    }

    private static async Task<bool> PostgreSqlDatabaseExistsAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == InvalidCatalogName)
        {
            return false;
        }
    }
}
