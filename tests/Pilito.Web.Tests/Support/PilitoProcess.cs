using System.Diagnostics;
using System.Text;

namespace Pilito.Web.Tests.Support;

/// <summary>Runs the built server (Pilito.Web.dll) as a real process, as operators do: `dotnet Pilito.Web.dll [command]`.</summary>
public static class PilitoProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static string WebAssemblyPath
    {
        get
        {
            // tests/Pilito.Web.Tests/bin/<Configuration>/<tfm>/ → src/Pilito.Web/bin/<Configuration>/<tfm>/Pilito.Web.dll
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var tfm = output.Name;
            var configuration = output.Parent!.Name;
            return Path.Combine(RepositoryRoot, "src", "Pilito.Web", "bin", configuration, tfm, "Pilito.Web.dll");
        }
    }

    /// <summary>
    /// A Production server's environment on the SQLite file <paramref name="databasePath"/>, with the secrets it
    /// requires and a Kavenegar key (nothing is sent: the tests using it stop before, or run commands).
    /// </summary>
    public static Dictionary<string, string?> Production(string databasePath) => new()
    {
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ConnectionStrings__Pilito"] = $"Data Source={databasePath}",
        ["Auth__SigningKey"] = PilitoApp.SigningKey,
        ["Otp__HashKey"] = PilitoApp.HashKey,
        ["KAVENEGAR_API_KEY"] = KavenegarStandIn.ValidKey,
    };

    /// <summary>The folder holding Pilito.sln, above the test's output folder.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Pilito.sln")))
                root = root.Parent;
            return root?.FullName ?? throw new InvalidOperationException($"no Pilito.sln above {AppContext.BaseDirectory}");
        }
    }

    /// <summary>Runs to completion in the temp directory; kills it and fails the test if it outlives <paramref name="timeout"/>.</summary>
    public static Task<Result> RunAsync(IReadOnlyDictionary<string, string?> environment, TimeSpan timeout, params string[] args) =>
        RunAsync(Path.GetTempPath(), environment, timeout, args);

    /// <summary>
    /// Runs to completion in <paramref name="workingDirectory"/> (where the server looks for a .env file); kills it and
    /// fails the test if it outlives <paramref name="timeout"/>. A null value in <paramref name="environment"/> removes
    /// that variable, even one inherited from the test run.
    /// </summary>
    public static Task<Result> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout, params string[] args) =>
        RunAsync(workingDirectory, environment, timeout, input: null, args);

    /// <summary>As <see cref="RunAsync(IReadOnlyDictionary{string, string?}, TimeSpan, string[])"/>, with <paramref name="input"/> on standard input.</summary>
    public static Task<Result> RunWithInputAsync(IReadOnlyDictionary<string, string?> environment, TimeSpan timeout, string input, params string[] args) =>
        RunAsync(Path.GetTempPath(), environment, timeout, input, args);

    private static async Task<Result> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout, string? input, string[] args)
    {
        ArgumentNullException.ThrowIfNull(environment);
        TestSpeed.Require(TestSpeed.Process);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true, // closed at once when there is no input: a prompt must not wait for a test
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(WebAssemblyPath);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (key, value) in environment)
        {
            if (value is null)
                start.Environment.Remove(key);
            else
                start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        if (input is not null)
            await process.StandardInput.WriteLineAsync(input);
        process.StandardInput.Close();
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => output.AppendLine(e.Data);
        process.ErrorDataReceived += (_, e) => error.AppendLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"Pilito.Web {string.Join(' ', args)} still ran after {timeout}: {output}{error}");
        }

        await process.WaitForExitAsync(); // flush the redirected streams
        return new Result(process.ExitCode, output.ToString(), error.ToString());
    }
}
