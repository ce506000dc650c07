using Npgsql;
using Pilito.Infrastructure.Persistence;
using Pilito.Infrastructure.Persistence.GroupCommit.PostgreSql;
using Pilito.Infrastructure.Persistence.GroupCommit.Rows;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Persistence;

/// <summary>
/// Every read and every update of the writer's rounds must find its few rows by an index, even on a new database whose tables have
/// no statistics yet (as a new deployment's, and every test database): a whole-table scan costs each round more as
/// the table grows and, under serializable isolation, makes every other instance's round that writes to the table
/// conflict with this one. Each is explained on a connection set up as the writer's.
/// </summary>
public sealed class PostgreSqlWriterPlanTests
{
    private static readonly Dictionary<string, object> Samples = new()
    {
        ["$id"] = 1L,
        ["$phone"] = "+989121234567",
        ["$verificationId"] = "handle",
        ["$usable0"] = "Pending",
        ["$usable1"] = "Sent",
        ["$since"] = 0L,
        ["$scope"] = "service",
        ["$key"] = string.Empty,
        ["$from"] = 0L,
        ["$name"] = "+989121234567",
        ["$hash"] = new byte[32],
        ["$familyId"] = Guid.NewGuid(),
        ["$userId"] = Guid.NewGuid(),
        ["$phones"] = new[] { "+989121234567", "+989121234568" },
        ["$names"] = new[] { "+989121234567", "+989121234568" },
        ["$scopes"] = new[] { "service", "prefix" },
        ["$keys"] = new[] { string.Empty, "912" },
        ["$froms"] = new[] { 0L, 0L },
    };

    private PilitoApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAppAsync()
    {
        _app = new PilitoApp(null, provider: TestProvider.PostgreSql);
        using var client = _app.CreateClient();
        await client.SignInAsync(Phones.NextNational()); // migrated; a row in each table the rounds read
    }

    [OneTimeTearDown]
    public async Task StopAppAsync() => await _app.DisposeAsync();

    public static IEnumerable<TestCaseData> Reads() =>
        new PostgreSqlWriteStatements().Reads.Select((read, i) => new TestCaseData(i).SetArgDisplayNames(read.Sql[..Math.Min(70, read.Sql.Length)]));

    /// <summary>The writes that find their rows: every update, with every column a row map has.</summary>
    public static IEnumerable<TestCaseData> Updates() =>
        UpdateStatements().Select((update, i) => new TestCaseData(i).SetArgDisplayNames(update.Sql[..Math.Min(70, update.Sql.Length)]));

    [TestCaseSource(nameof(Updates))]
    public async Task An_update_of_the_writer_finds_its_rows_by_an_index_on_a_new_database(int index)
    {
        var update = UpdateStatements().ElementAt(index);
        var rows = update.Start();
        for (var row = 0; row < 2; row++)
        {
            rows.Next();
            foreach (var (name, type) in update.ParameterTypes)
                rows[name] = SampleOf(Nullable.GetUnderlyingType(type) ?? type);
        }

        var plan = await ExplainAsync(rows.ToCommand());

        Assert.That(plan, Has.None.Contains("Seq Scan"), string.Join("\n", plan));
    }

    [TestCaseSource(nameof(Reads))]
    public async Task A_read_of_the_writer_uses_an_index_on_a_new_database(int index)
    {
        var read = new PostgreSqlWriteStatements().Reads.ElementAt(index);
        var run = read.Start();
        foreach (var name in read.ParameterNames)
        {
            if (name == "$id" && read.Sql.Contains("\"AspNetUsers\"", StringComparison.Ordinal))
                run[name] = Guid.NewGuid(); // an account's id; elsewhere a token's
            else
                run[name] = Samples.TryGetValue(name, out var value) ? value : throw new AssertionException($"No sample value for {name}: add one.");
        }

        var plan = await ExplainAsync(run.ToCommand());

        Assert.That(plan, Has.None.Contains("Seq Scan"), string.Join("\n", plan));
    }

    private static IEnumerable<PostgreSqlRowsStatement> UpdateStatements()
    {
        var statements = new PostgreSqlWriteStatements();
        return
        [
            statements.Updates(OtpTokenColumns.Map, ulong.MaxValue >> (64 - OtpTokenColumns.Map.Stored.Count)),
            statements.Updates(RefreshTokenColumns.Map, ulong.MaxValue >> (64 - RefreshTokenColumns.Map.Stored.Count)),
            statements.RecordSignIns,
            statements.ChangePhones,
        ];
    }

    private static object SampleOf(Type type) => type switch
    {
        _ when type == typeof(string) => "+989121234567",
        _ when type == typeof(long) => 1L,
        _ when type == typeof(int) => 1,
        _ when type == typeof(bool) => true,
        _ when type == typeof(Guid) => Guid.NewGuid(),
        _ when type == typeof(byte[]) => new byte[32],
        _ => throw new AssertionException($"No sample value of {type}: add one."),
    };

    /// <summary>The plan of the command, on a connection set up as the writer's; the command is not run.</summary>
    private async Task<List<string>> ExplainAsync(NpgsqlBatchCommand command)
    {
        await using var dataSource = DatabaseSetup.WriterDataSource(_app.ConnectionString, TimeSpan.FromSeconds(5));
        await using var connection = await dataSource.OpenConnectionAsync();
        command.CommandText = "EXPLAIN " + command.CommandText;
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { command } };
        await using var reader = await batch.ExecuteReaderAsync();
        var plan = new List<string>();
        while (await reader.ReadAsync())
            plan.Add(reader.GetString(0));
        return plan;
    }
}
