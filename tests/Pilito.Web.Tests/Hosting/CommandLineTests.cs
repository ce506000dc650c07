using Microsoft.Data.Sqlite;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Hosting;

/// <summary>The built server run as operators run it: `dotnet Pilito.Web.dll [command]`.</summary>
[Category(TestSpeed.Process)]
public sealed class CommandLineTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private string _database = null!;

    [SetUp]
    public void CreateDatabasePath() => _database = DatabaseFile.NewPath();

    [TearDown]
    public void DeleteDatabase() => DatabaseFile.Delete(_database);

    [TestCase("--help")]
    [TestCase("-h")]
    public async Task Help_lists_the_commands_and_exits_without_starting_even_with_settings_missing(string flag)
    {
        var environment = Production();
        environment["Otp__HashKey"] = null; // the server would refuse to start

        var result = await PilitoProcess.RunAsync(environment, Limit, flag);

        Assert.That(result.ExitCode, Is.Zero, result.Error);
        Assert.That(result.Output, Does.Contain("  migrate ").And.Contain("  test-sms ").And.Contain("ConnectionStrings__Pilito"));
        Assert.That(result.Error, Does.Not.Contain("Pilito cannot start"));
    }

    [Test]
    public async Task Migrate_creates_the_schema_and_exits_zero()
    {
        var result = await PilitoProcess.RunAsync(Production(), Limit, "migrate");

        Assert.That(result.ExitCode, Is.Zero, result.Error);
        Assert.That(result.Output, Does.Contain("Applied"));
        Assert.That(await TablesAsync(), Is.SupersetOf(new[] { "OtpTokens", "RefreshTokens", "AspNetUsers", "__EFMigrationsHistory" }));
    }

    [Test]
    public async Task Migrate_on_PostgreSQL_creates_the_missing_database_and_its_schema()
    {
        var name = PostgreSqlCluster.NewDatabaseName();
        var environment = new Dictionary<string, string?>(Production())
        {
            ["Database__Provider"] = "PostgreSQL",
            ["ConnectionStrings__Pilito"] = PostgreSqlCluster.Shared.ConnectionString(name),
        };
        Assert.That(await PostgreSqlDatabase.DatabaseExistsAsync(name), Is.False, "no such database before");

        var result = await PilitoProcess.RunAsync(environment, Limit, "migrate");
        var again = await PilitoProcess.RunAsync(environment, Limit, "migrate");

        Assert.That(result.ExitCode, Is.Zero, result.Output + result.Error);
        Assert.That(result.Output, Does.Contain("Applied"));
        Assert.That(await PostgreSqlDatabase.TablesAsync(name), Is.SupersetOf(new[] { "OtpTokens", "RefreshTokens", "AspNetUsers", "DataProtectionKeys", "__EFMigrationsHistory" }));
        Assert.That(again.ExitCode, Is.Zero, again.Error);
        Assert.That(again.Output, Does.Contain("up to date"));
    }

    [TestCase(false, TestName = "Server migrating on start on PostgreSQL creates the missing database and logs no error")]
    [TestCase(true, TestName = "Server migrating on start on PostgreSQL fills an empty database and logs no error")]
    public async Task Server_migrating_on_start_on_PostgreSQL_logs_no_error(bool createdEmptyFirst)
    {
        var name = PostgreSqlCluster.NewDatabaseName();
        if (createdEmptyFirst)
            await PostgreSqlDatabase.CreateEmptyAsync(name);
        var environment = PilitoServer.Settings(TestProvider.PostgreSql, name, new Uri("http://127.0.0.1:9/"));
        environment["Database__MigrateOnStartup"] = "true";

        await using var server = await PilitoServer.StartAsync(environment);

        Assert.That(await PostgreSqlDatabase.TablesAsync(name), Is.SupersetOf(new[] { "OtpTokens", "AspNetUsers", "__EFMigrationsHistory" }));
        Assert.That(server.Output, Does.Not.Contain("fail:").And.Not.Contain("error occurred"), "a first start is not a failure");
    }

    [Test]
    public async Task Migrate_twice_is_harmless()
    {
        await PilitoProcess.RunAsync(Production(), Limit, "migrate");

        var again = await PilitoProcess.RunAsync(Production(), Limit, "migrate");

        Assert.That(again.ExitCode, Is.Zero, again.Error);
        Assert.That(again.Output, Does.Contain("up to date"));
    }

    [Test]
    public async Task Create_admin_creates_a_staff_account_once_with_the_password_from_the_environment()
    {
        await PilitoProcess.RunAsync(Production(), Limit, "migrate");
        var environment = new Dictionary<string, string?>(Production()) { ["PILITO_ADMIN_PASSWORD"] = "Ops-password-1" };
        string[] args = ["create-admin", "--email", "ops@pilito.test"];

        var created = await PilitoProcess.RunAsync(environment, Limit, args);
        var again = await PilitoProcess.RunAsync(environment, Limit, args);

        Assert.That(created.ExitCode, Is.Zero, created.Error);
        Assert.That(created.Output, Does.Contain("created"));
        Assert.That(again.ExitCode, Is.EqualTo(1));
        Assert.That(again.Output, Does.Contain("already exists"));
    }

    [Test]
    public async Task Create_admin_reads_the_password_from_standard_input()
    {
        await PilitoProcess.RunAsync(Production(), Limit, "migrate");

        var created = await PilitoProcess.RunWithInputAsync(Production(), Limit, "Piped-password-1", "create-admin", "--email", "piped@pilito.test");

        Assert.That(created.ExitCode, Is.Zero, created.Output + created.Error);
        Assert.That(created.Output, Does.Contain("created"));
    }

    [Test]
    public async Task Create_admin_refuses_a_password_on_the_command_line_and_creates_nothing()
    {
        await PilitoProcess.RunAsync(Production(), Limit, "migrate");
        var environment = new Dictionary<string, string?>(Production()) { ["PILITO_ADMIN_PASSWORD"] = "Env-password-123" };

        var refused = await PilitoProcess.RunAsync(Production(), Limit, "create-admin", "--email", "argv@pilito.test", "--password", "Argv-password-1");
        var later = await PilitoProcess.RunAsync(environment, Limit, "create-admin", "--email", "argv@pilito.test");

        Assert.That(refused.ExitCode, Is.EqualTo(2));
        Assert.That(refused.Output, Does.Contain("--password is not accepted").And.Contain("PILITO_ADMIN_PASSWORD"));
        Assert.That(later.ExitCode, Is.Zero, "the refused run created no account: " + later.Output);
    }

    [TestCase("short")]
    [TestCase("Eleven-ch1!")]
    public async Task Create_admin_refuses_a_password_under_twelve_characters_and_says_why(string password)
    {
        await PilitoProcess.RunAsync(Production(), Limit, "migrate");
        var environment = new Dictionary<string, string?>(Production()) { ["PILITO_ADMIN_PASSWORD"] = password };

        var result = await PilitoProcess.RunAsync(environment, Limit, "create-admin", "--email", "weak@pilito.test");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Output, Does.Contain("Passwords must be at least 12 characters."));
    }

    // With ES256 (the default) the signing key is not a secret to give: it is made and kept in the database.
    [TestCase("Auth__SigningKey", "Auth:SigningKey", "Auth__SigningAlgorithm=HS256")]
    [TestCase("Otp__HashKey", "Otp:HashKey")]
    public async Task Production_server_refuses_to_start_without_a_secret_and_names_it(string variable, string setting, string? also = null)
    {
        var environment = Production();
        environment[variable] = null;
        if (also?.Split('=', 2) is [var key, var value])
            environment[key] = value;

        var result = await PilitoProcess.RunAsync(environment, Limit);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.Contain(setting));
        Assert.That(result.Error, Does.Contain(variable), "says how to set it");
    }

    [Test]
    public async Task Production_server_with_the_challenge_on_and_no_key_stops_naming_the_setting()
    {
        var environment = Production();
        environment["Challenge__Enabled"] = "true";

        var result = await PilitoProcess.RunAsync(environment, Limit);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.StartWith("Pilito cannot start: ").And.Contain("Challenge:HmacKey").And.Contain("Challenge__HmacKey"));
    }

    [Test]
    public async Task Production_server_refuses_to_reveal_codes()
    {
        var environment = Production();
        environment["Otp__RevealCodes"] = "true";

        var result = await PilitoProcess.RunAsync(environment, Limit);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.Contain("Otp:RevealCodes"));
    }

    [Test]
    public async Task Server_with_an_invalid_setting_stops_before_touching_the_database()
    {
        var environment = Production();
        environment["Database__MigrateOnStartup"] = "true";
        environment["Database__SqliteBusyTimeout"] = "00:00:00";

        var result = await PilitoProcess.RunAsync(environment, Limit);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.StartWith("Pilito cannot start: ").And.Contain("SqliteBusyTimeout"));
        Assert.That(File.Exists(_database), Is.False, "not created, let alone migrated");
    }

    [TestCase("Database__SqliteSynchronous", "Off", "Database:SqliteSynchronous")]
    [TestCase("Database__Provider", "Oracle", "Database:Provider")]
    [TestCase("Otp__MaxSendsPerHour", "many", "Otp:MaxSendsPerHour")]
    public async Task Server_refuses_a_setting_of_the_wrong_type_and_names_it(string variable, string value, string setting)
    {
        var environment = Production();
        environment[variable] = value;

        var result = await PilitoProcess.RunAsync(environment, Limit);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.StartWith("Pilito cannot start: ").And.Contain($"'{value}' at '{setting}'"));
        Assert.That(result.Error, Does.Not.Contain("Unhandled exception"));
    }

    // The cases issue #15 named; WrongSettingTests checks every setting of the README's table in process.
    [TestCase("Sms__OtpMessageTemplate", "Hello", "Sms:OtpMessageTemplate")]
    [TestCase("Kavenegar__BaseUrl", "not a url", "Kavenegar:BaseUrl")]
    [TestCase("Sms__Provider", "Carrier-pigeon", "Sms:Provider")]
    [TestCase("ForwardedHeaders__KnownProxies__0", "proxy.local", "ForwardedHeaders:KnownProxies:0")]
    public async Task Server_with_a_wrong_setting_prints_one_line_naming_it_and_no_stack_trace(string variable, string value, string setting)
    {
        var environment = Production();
        environment[variable] = value;

        var result = await PilitoProcess.RunAsync(environment, Limit);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error.TrimEnd(), Does.StartWith("Pilito cannot start: ").And.Contain(setting).And.Not.Contain("\n"));
        Assert.That(result.Error + result.Output, Does.Not.Contain("   at ").And.Not.Contain("Unhandled exception"));
    }

    private Dictionary<string, string?> Production() => PilitoProcess.Production(_database);

    private async Task<List<string>> TablesAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_database}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            tables.Add(reader.GetString(0));
        return tables;
    }
}
