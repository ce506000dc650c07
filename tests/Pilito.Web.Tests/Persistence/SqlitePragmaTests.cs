using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pilito.Infrastructure.Persistence;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Persistence;

/// <summary>What every SQLite connection is set to when it opens: WAL, the configured sync, the busy timeout.</summary>
public sealed class SqlitePragmaTests
{
    private const string Full = "2"; // PRAGMA synchronous reads back as a number
    private const string Normal = "1";

    [Test]
    public async Task Connections_write_ahead_and_sync_every_commit_by_default()
    {
        await using var app = new PilitoApp(null);

        Assert.That(await PragmaAsync(app, "journal_mode"), Is.EqualTo("wal"));
        Assert.That(await PragmaAsync(app, "synchronous"), Is.EqualTo(Full));
        Assert.That(await PragmaAsync(app, "busy_timeout"), Is.EqualTo("30000"));
    }

    [Test]
    public async Task Normal_sync_is_taken_only_when_configured()
    {
        await using var app = new PilitoApp(null, new Dictionary<string, string?> { ["Database:SqliteSynchronous"] = "Normal" });

        Assert.That(await PragmaAsync(app, "synchronous"), Is.EqualTo(Normal));
        Assert.That(await PragmaAsync(app, "journal_mode"), Is.EqualTo("wal"));
    }

    [TestCase(SqliteSynchronous.Full, "PRAGMA synchronous=FULL;")]
    [TestCase(SqliteSynchronous.Normal, "PRAGMA synchronous=NORMAL;")]
    public void The_group_commit_writer_opens_its_connection_with_the_same_settings(SqliteSynchronous mode, string expected)
    {
        var sql = SqlitePragmas.WriterSql(new DatabaseOptions { SqliteSynchronous = mode, SqliteBusyTimeout = TimeSpan.FromSeconds(5) });

        Assert.That(sql, Does.Contain("PRAGMA journal_mode=WAL;").And.Contain(expected).And.Contain("PRAGMA busy_timeout=5000;"));
    }

    private static async Task<string?> PragmaAsync(PilitoApp app, string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PilitoDbContext>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(); // through the context, so its interceptor runs the pragmas
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA {name}";
            return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
