using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Ports;
using Pilito.Infrastructure.Persistence;

namespace Pilito.Infrastructure.Diagnostics;

internal sealed class PlatformDiagnostics(PilitoDbContext db, IOptions<DatabaseOptions> options) : IPlatformDiagnostics
{
    public async Task<DiagnosticCheck> CheckDatabaseAsync(CancellationToken cancellationToken)
    {
        var where = Describe();
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
                // EF reports a database that does not exist yet (a fresh SQLite file before the first migrate) the same way.
                return DiagnosticCheck.Error("Database", $"cannot connect to {where}, or it does not exist yet: check ConnectionStrings__Pilito, then run `Pilito.Web migrate` to create it");
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
                return DiagnosticCheck.Error("Database", $"{where} reachable, but {pending.Count} migration(s) not applied: run `Pilito.Web migrate`");
            var ready = $"{where} reachable, schema up to date";
            return db.Database.IsSqlite() && options.Value.SqliteSynchronous == SqliteSynchronous.Normal
                ? DiagnosticCheck.Warning("Database", $"{ready}; Database:SqliteSynchronous is Normal: a power cut can lose the last answered requests")
                : DiagnosticCheck.Ok("Database", ready);
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException)
        {
            return DiagnosticCheck.Error("Database", $"{where}: {e.GetType().Name}: {e.Message}");
        }
    }

    public DiagnosticCheck DescribeVersions() => DiagnosticCheck.Ok("Versions", string.Join(", ",
        $"Pilito {VersionOf(typeof(PlatformDiagnostics).Assembly)}",
        $".NET {Environment.Version}",
        $"EF Core {VersionOf(typeof(DbContext).Assembly)} ({db.Database.ProviderName?.Split('.').Last()})",
        $"Identity {VersionOf(typeof(Microsoft.AspNetCore.Identity.EntityFrameworkCore.IdentityDbContext).Assembly)}",
        RuntimeInformation.OSDescription));

    // Provider and data source only: a connection string may hold a password.
    private string Describe()
    {
        var connection = db.Database.GetDbConnection();
        var database = string.IsNullOrEmpty(connection.Database) || connection.Database == "main" ? string.Empty : $"/{connection.Database}";
        return $"{db.Database.ProviderName?.Split('.').Last()} {connection.DataSource}{database}";
    }

    private static string VersionOf(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? assembly.GetName().Version?.ToString() ?? "?";
}
