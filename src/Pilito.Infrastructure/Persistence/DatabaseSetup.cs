using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Pilito.Infrastructure.Persistence.GroupCommit;
using Pilito.Infrastructure.Persistence.GroupCommit.Ef;
using Pilito.Infrastructure.Persistence.GroupCommit.PostgreSql;
using Pilito.Infrastructure.Persistence.GroupCommit.Sqlite;

namespace Pilito.Infrastructure.Persistence;

internal static class DatabaseSetup
{
    /// <summary>
    /// Registers the provider's context; <see cref="PilitoDbContext"/> resolves to it. Its options are built once
    /// (singleton): building them per request showed up as a large share of the OTP request's CPU (bench/analysis.md).
    /// </summary>
    public static void AddPilitoDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        switch (options.Provider)
        {
            case DatabaseProvider.SqlServer:
                if (string.IsNullOrWhiteSpace(connectionString))
                    throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:Pilito is not set.");
                services.AddDbContext<PilitoDbContext, SqlServerPilitoDbContext>(o => o.UseSqlServer(connectionString,
                    sql => sql.EnableRetryOnFailure()), // deadlock victims of the serializable OTP writes are retried
                    optionsLifetime: ServiceLifetime.Singleton);
                services.AddSingleton<IWriteDatabase, EfWriteDatabase>();
                break;
            case DatabaseProvider.PostgreSql:
                if (string.IsNullOrWhiteSpace(connectionString))
                    throw new InvalidOperationException("Database:Provider is PostgreSQL but ConnectionStrings:Pilito is not set.");
                services.AddDbContext<PilitoDbContext, PostgreSqlPilitoDbContext>(o => o.UseNpgsql(connectionString,
                    pg => pg.ExecutionStrategy(dependencies => new PostgreSqlRetries.Strategy(dependencies))),
                    optionsLifetime: ServiceLifetime.Singleton);
                services.AddSingleton<IWriteDatabase>(sp => new PostgreSqlWriteDatabase(WriterDataSource(connectionString, options.WriteQueueTimeout), sp.GetRequiredService<PhoneAccounts>())); // disposed with the host
                break;
            default:
                // Microsoft.Data.Sqlite retries a busy database for the command timeout, on top of SQLite's own
                // busy_timeout: both follow Database:SqliteBusyTimeout so a locked database fails when it says.
                var sqlite = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(connectionString) ? DatabaseOptions.DefaultSqliteConnectionString : connectionString)
                {
                    DefaultTimeout = Math.Max(1, (int)options.SqliteBusyTimeout.TotalSeconds),
                };
                services.AddDbContext<PilitoDbContext, SqlitePilitoDbContext>(o => o
                    .UseSqlite(sqlite.ToString(), db => db.CommandTimeout(sqlite.DefaultTimeout))
                    .AddInterceptors(new SqlitePragmas(options)),
                    optionsLifetime: ServiceLifetime.Singleton);
                services.AddSingleton<IWriteDatabase>(sp => new SqliteWriteDatabase(sqlite.ToString(), options, sp.GetRequiredService<PhoneAccounts>())); // disposed with the host
                break;
        }
    }

    /// <summary>
    /// The writer's own data source: its one connection runs the same few statements thousands of times a second, so
    /// Npgsql prepares them on it (unless the connection string says otherwise). Its planner never chooses a
    /// sequential scan where an index serves: each of the round's statements reads a few rows by an index, and on a
    /// table whose statistics say it is small (a new database, before autovacuum's first analyze) PostgreSQL would
    /// scan it whole instead. That costs a round more as the table grows, and under serializable isolation a read of
    /// the whole table conflicts with every other instance's round that writes to it.
    /// Its prepared statements keep one plan each rather than being planned again on every run: PostgreSQL keeps
    /// planning a statement whose arrays it can count when given them (the round's writes, ADR 0010) because each
    /// plan looks cheaper than a generic one, and planning cost more than running the statement.
    /// A lock the round waits for (its turn, ADR 0009, or a row) is given up after <paramref name="lockTimeout"/>
    /// (Database:WriteQueueTimeout): an instance stalled in the middle of its round makes the others' writes fail as
    /// the database's fault (503) in the time a queued write may wait, never hang behind it.
    /// </summary>
    internal static NpgsqlDataSource WriterDataSource(string connectionString, TimeSpan lockTimeout)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;
        if (settings.MaxAutoPrepare == 0)
            settings.MaxAutoPrepare = WriterPreparedStatements;
        var writer = FormattableString.Invariant(
            $"-c enable_seqscan=off -c plan_cache_mode=force_generic_plan -c lock_timeout={Math.Max(1, (long)lockTimeout.TotalMilliseconds)}");
        settings.Options = string.IsNullOrWhiteSpace(settings.Options) ? writer : $"{settings.Options} {writer}";
        return builder.Build();
    }

    /// <summary>The round's reads, the account writes, and the handful of column sets its inserts and updates use.</summary>
    private const int WriterPreparedStatements = 64;
}
