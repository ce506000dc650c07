using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Hosting;

/// <summary>
/// `dotnet Pilito.Web.dll check-otp-config` as an operator runs it, with the setup guide's .env file in the working
/// directory: a real process, so the .env is loaded the way it is in production.
/// </summary>
[Category(TestSpeed.Process)]
public sealed class EnvFileTests
{
    private const string Key = "0123456789abcdef0123456789abcdef";
    private const string OtherKey = "ffffffffffffffffffffffffffffffff";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private KavenegarStandIn _kavenegar = null!;
    private string _database = null!;
    private string _directory = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _kavenegar = await KavenegarStandIn.StartAsync();
        _kavenegar.AddAccount(Key, credit: 1_000_000);
        _kavenegar.AddAccount(OtherKey, credit: 1_000_000);
        _database = DatabaseFile.NewPath();
        var migrated = await PilitoProcess.RunAsync(Environment(), Limit, "migrate"); // the checks below need an up-to-date schema
        Assert.That(migrated.ExitCode, Is.Zero, migrated.Error);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _kavenegar.DisposeAsync();
        DatabaseFile.Delete(_database);
    }

    [SetUp]
    public void CreateWorkingDirectory() => _directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"pilito-env-{Guid.NewGuid():N}")).FullName;

    [TearDown]
    public void DeleteWorkingDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task Key_in_env_file_with_spaces_and_quotes_around_it_works_and_warns()
    {
        await WriteEnvFileAsync($"KAVENEGAR_API_KEY=\" '{Key}' \"", $"Kavenegar__BaseUrl={_kavenegar.BaseUrl}");
        var callsBefore = _kavenegar.CallsWith(Key, "account/info").Count;

        var result = await PilitoProcess.RunAsync(_directory, Environment(), Limit, "check-otp-config", "--online");

        Assert.That(result.ExitCode, Is.Zero, result.Output + result.Error);
        var lines = Lines(result);
        Assert.That(lines, Has.One.StartsWith("✅ API key accepted: Approved (200)"));
        Assert.That(lines, Has.One.StartsWith("⚠️ API key shape: had spaces or quotes around it"));
        Assert.That(_kavenegar.CallsWith(Key, "account/info"), Has.Count.EqualTo(callsBefore + 1), "Kavenegar got the cleaned key");
        Assert.That(result.Output, Does.Not.Contain(Key));
    }

    [Test]
    public async Task Real_environment_variables_win_over_the_env_file()
    {
        await WriteEnvFileAsync($"KAVENEGAR_API_KEY={OtherKey}", $"Kavenegar__BaseUrl={_kavenegar.BaseUrl}");
        var environment = Environment();
        environment["KAVENEGAR_API_KEY"] = Key;
        var otherCallsBefore = _kavenegar.CallsWith(OtherKey, "account/info").Count;

        var result = await PilitoProcess.RunAsync(_directory, environment, Limit, "check-otp-config", "--online");

        Assert.That(result.ExitCode, Is.Zero, result.Output + result.Error);
        Assert.That(Lines(result), Has.One.EqualTo("✅ API key: set (0123****cdef)"));
        Assert.That(_kavenegar.CallsWith(OtherKey, "account/info"), Has.Count.EqualTo(otherCallsBefore), "the .env key was not used");
    }

    [Test]
    public async Task Configuration_without_a_key_exits_one_and_names_KAVENEGAR_API_KEY()
    {
        await WriteEnvFileAsync($"Kavenegar__BaseUrl={_kavenegar.BaseUrl}");

        var result = await PilitoProcess.RunAsync(_directory, Environment(), Limit, "check-otp-config");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.Output + result.Error);
        Assert.That(Lines(result), Has.One.StartsWith("❌ API key: KAVENEGAR_API_KEY is not set"));
    }

    private Task WriteEnvFileAsync(params string[] lines) => File.WriteAllLinesAsync(Path.Combine(_directory, ".env"), lines);

    private static string[] Lines(PilitoProcess.Result result) => [.. result.Output.Split('\n').Select(l => l.TrimEnd('\r'))];

    // Production, with its secrets; no Kavenegar setting of the test run's own environment leaks in.
    private Dictionary<string, string?> Environment() => new()
    {
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ConnectionStrings__Pilito"] = $"Data Source={_database}",
        ["Auth__SigningKey"] = PilitoApp.SigningKey,
        ["Otp__HashKey"] = PilitoApp.HashKey,
        ["KAVENEGAR_API_KEY"] = null,
        ["KAVENEGAR_SENDER"] = null,
        ["Kavenegar__ApiKey"] = null,
        ["Kavenegar__BaseUrl"] = null,
        ["Sms__Provider"] = null,
    };
}
