using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Hosting;

/// <summary>
/// What operators get wrong outside the settings table: a slim machine without ICU or time-zone data, a command run
/// before `migrate` or against a database that is not there, a command run without a secret. Each is one line that
/// says what to do, exit code 1, never a stack trace.
/// </summary>
[Category(TestSpeed.Process)]
public sealed class OperatorMistakeTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private string _database = null!;

    [SetUp]
    public void CreateDatabasePath() => _database = DatabaseFile.NewPath();

    [TearDown]
    public void DeleteDatabase() => DatabaseFile.Delete(_database);

    [Test]
    public async Task Server_on_a_machine_without_time_zone_data_stops_naming_tzdata()
    {
        var environment = Production();
        var empty = Directory.CreateTempSubdirectory("pilito-no-zones-");
        environment["TZDIR"] = empty.FullName; // where .NET looks for zone files, as /usr/share/zoneinfo on a slim image

        var result = await PilitoProcess.RunAsync(environment, Limit);
        empty.Delete();

        AssertOneLine(result, "Pilito cannot start: ", "Asia/Tehran", "tzdata");
    }

    [Test]
    public async Task Server_without_ICU_stops_naming_it()
    {
        var environment = Production();
        environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1"; // what a container image without libicu is told to do

        var result = await PilitoProcess.RunAsync(environment, Limit);

        AssertOneLine(result, "Pilito cannot start: ", "fa-IR", "ICU");
    }

    [TestCase("purge-otp")]
    [TestCase("reset-two-factor", "--email", "nobody@pilito.test")]
    [TestCase("create-admin", "--email", "new@pilito.test")]
    public async Task A_command_before_migrate_says_to_migrate_first(params string[] command)
    {
        var environment = Production();
        environment["PILITO_ADMIN_PASSWORD"] = Staff.Password;

        var result = await PilitoProcess.RunAsync(environment, Limit, command);

        AssertOneLine(result, $"Pilito cannot run {command[0]}: ", "no such table", "run `migrate` first");
    }

    [TestCase("create-admin", "--email", "new@pilito.test")]
    [TestCase("migrate")]
    public async Task A_command_against_a_database_server_that_is_not_there_names_the_connection_setting(params string[] command)
    {
        var environment = Production();
        environment["Database__Provider"] = "PostgreSQL";
        environment["ConnectionStrings__Pilito"] = $"Host=127.0.0.1;Port={PilitoServer.FreePort()};Database=pilito;Username=pilito;Timeout=2";
        environment["PILITO_ADMIN_PASSWORD"] = Staff.Password;

        var result = await PilitoProcess.RunAsync(environment, Limit, command);

        AssertOneLine(result, $"Pilito cannot run {command[0]}: ", "Failed to connect to 127.0.0.1", "ConnectionStrings__Pilito");
    }

    [Test]
    public async Task A_command_without_a_secret_it_needs_names_the_setting()
    {
        var environment = Production();
        environment["Otp__HashKey"] = null;

        var result = await PilitoProcess.RunAsync(environment, Limit, "purge-otp");

        AssertOneLine(result, "Pilito cannot start: ", "Otp:HashKey");
    }

    [Test]
    public async Task Check_otp_config_reports_a_missing_secret_as_a_failed_check_beside_the_others()
    {
        var migrate = await PilitoProcess.RunAsync(Production(), Limit, "migrate");
        Assert.That(migrate.ExitCode, Is.Zero, migrate.Error);
        var environment = Production();
        environment["Otp__HashKey"] = null;

        var result = await PilitoProcess.RunAsync(environment, Limit, "check-otp-config");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Output, Does.Contain("❌ OTP settings: Otp:HashKey is required"));
        Assert.That(result.Output, Does.Contain("✅ Database:"), "the other checks still ran");
        Assert.That(result.Output + result.Error, Does.Not.Contain("   at ").And.Not.Contain("Unhandled exception"));
    }

    private static void AssertOneLine(PilitoProcess.Result result, string prefix, params string[] naming)
    {
        Assert.That(result.ExitCode, Is.EqualTo(1), result.Output + result.Error);
        var line = result.Error.TrimEnd();
        Assert.That(line, Does.StartWith(prefix).And.Not.Contain("\n"), result.Output + result.Error);
        foreach (var word in naming)
            Assert.That(line, Does.Contain(word));
        Assert.That(result.Output + result.Error, Does.Not.Contain("   at ").And.Not.Contain("Unhandled exception"));
    }

    private Dictionary<string, string?> Production() => PilitoProcess.Production(_database);
}
