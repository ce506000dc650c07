using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pilito.Infrastructure.Persistence;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Hosting;

/// <summary>Each provider has its own committed migrations, and they match the model (no change left unmigrated).</summary>
public sealed class MigrationTests
{
    [TestCase("Sqlite", typeof(SqlitePilitoDbContext))]
    [TestCase("SqlServer", typeof(SqlServerPilitoDbContext))]
    [TestCase("PostgreSQL", typeof(PostgreSqlPilitoDbContext))]
    public void Migrations_exist_and_match_the_model(string provider, Type contextType)
    {
        using var app = new PilitoApp(null, new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["Database:MigrateOnStartup"] = "false",
            // Never opened: the model and migrations are compared without a server.
            ["ConnectionStrings:Pilito"] = provider switch
            {
                "SqlServer" => Database.UnopenedSqlServer,
                // A database never created on the run's cluster: refused at once, where an unreachable server would be
                // retried for seconds by the start's key-ring load.
                "PostgreSQL" => PostgreSqlCluster.Shared.ConnectionString("pilito_never_created"),
                _ => null,
            },
        });
        using var scope = app.Services.CreateScope();

        var db = scope.ServiceProvider.GetRequiredService<PilitoDbContext>();

        Assert.That(db, Is.TypeOf(contextType));
        Assert.That(db.Database.GetMigrations(), Is.Not.Empty);
        Assert.That(db.Database.HasPendingModelChanges(), Is.False, $"run dotnet ef migrations add for {provider}");
        Assert.That(db.Model.FindEntityType("Microsoft.AspNetCore.Identity.IdentityUserPasskey<System.Guid>"), Is.Not.Null,
            "Identity schema version 3 (passkeys), as the app itself uses");
    }
}
