using System.Text.Json.Nodes;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.OpenApi;

/// <summary>
/// The served /openapi/v1.json passes Redocly CLI's recommended rules (the repository's redocly.yaml) with no error.
/// Needs node and npm (CI installs them) and the npm registry, once: npx caches the package.
/// </summary>
[Category(TestSpeed.Process)]
public sealed class OpenApiLintTests
{
    private const string RedoclyCli = "@redocly/cli@2.77.0";

    /// <summary>
    /// The only warnings allowed, each explained in docs/api.md: the two /.well-known documents have no 4xx to give.
    /// Any other warning fails, so a new one is either fixed or explained here and there.
    /// </summary>
    private static readonly string[] ExplainedWarnings =
    [
        "operation-4xx-response #/paths/~1.well-known~1jwks.json/get/responses",
        "operation-4xx-response #/paths/~1.well-known~1openid-configuration/get/responses",
    ];

    private string _directory = null!;
    private ExternalProgram.Result _lint = null!;
    private JsonObject _report = null!;

    [OneTimeSetUp]
    public async Task LintAsync()
    {
        TestSpeed.Require(TestSpeed.Process);
        if (!ExternalProgram.OnPath("npx"))
            Assert.Fail("node and npm are needed to run Redocly CLI (.ci/run installs them).");

        _directory = Directory.CreateTempSubdirectory("pilito-openapi-").FullName;
        await using (var app = new PilitoApp(null))
        {
            using var client = app.CreateClient();
            await File.WriteAllTextAsync(Path.Combine(_directory, "openapi.json"), await client.GetStringAsync("/openapi/v1.json"));
        }

        _lint = await ExternalProgram.RunAsync("npx",
            ["--yes", RedoclyCli, "lint", "openapi.json", "--config", Path.Combine(RepositoryRoot(), "redocly.yaml"), "--format=json"],
            _directory, TimeSpan.FromMinutes(5),
            new Dictionary<string, string> { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true" });
        _report = JsonNode.Parse(_lint.Output) as JsonObject
            ?? throw new AssertionException($"Redocly printed no JSON report (exit {_lint.ExitCode}):\n{_lint.Output}\n{_lint.Error}");
    }

    [OneTimeTearDown]
    public void DeleteDirectory()
    {
        if (_directory is not null && Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public void Redocly_finds_no_error()
    {
        Assert.That(_report["totals"]!["errors"]!.GetValue<int>(), Is.Zero, Problems());
        Assert.That(_lint.ExitCode, Is.Zero, Problems());
    }

    [Test]
    public void Redocly_s_only_warnings_are_the_explained_ones()
    {
        var warnings = _report["problems"]!.AsArray()
            .Where(p => p!["severity"]!.GetValue<string>() == "warn")
            .Select(p => $"{p!["ruleId"]} {p["location"]![0]!["pointer"]}");

        Assert.That(warnings, Is.EquivalentTo(ExplainedWarnings), Problems());
    }

    private string Problems() => string.Join('\n', _report["problems"]!.AsArray().Select(p =>
        $"{p!["severity"]} {p["ruleId"]} at {p["location"]![0]!["pointer"]}: {p["message"]}")) + "\n" + _lint.Error;

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Pilito.sln")))
                return directory.FullName;
        }

        throw new AssertionException("No Pilito.sln above " + AppContext.BaseDirectory);
    }
}
