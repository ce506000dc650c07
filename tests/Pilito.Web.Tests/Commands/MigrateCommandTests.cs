using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Commands;

/// <summary>`migrate`, run in-process, on databases Pilito did not create itself.</summary>
public sealed class MigrateCommandTests
{
    [Test]
    public async Task Migrate_applies_every_migration_to_a_database_made_by_another_tool()
    {
        await using var app = new PilitoApp(null, new Dictionary<string, string?> { ["Database:MigrateOnStartup"] = "false" });
        await Database.CreateForeignAsync(app.ConnectionString);

        var result = await OperatorCommand.RunAsync(app, "migrate");

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(result.Output, Does.StartWith("Applied "));
    }

    [Test]
    public async Task Database_made_by_another_tool_is_reachable_once_migrated()
    {
        await using var app = new PilitoApp(null, new Dictionary<string, string?> { ["Database:MigrateOnStartup"] = "false" });
        await Database.CreateForeignAsync(app.ConnectionString);
        await OperatorCommand.RunAsync(app, "migrate");

        var result = await OperatorCommand.RunAsync(app, "check-otp-config");

        Assert.That(result.Line("✅ Database:"), Does.EndWith("reachable, schema up to date"));
    }
}
