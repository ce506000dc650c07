using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pilito.Web.Tests.Support;

/// <summary>
/// The built server (`dotnet Pilito.Web.dll`) serving as a real process on its own free 127.0.0.1 port, for what
/// only a process shows: several instances on one database file, signals, a crash. Its console output is kept.
/// </summary>
public sealed class PilitoServer : IAsyncDisposable
{
    /// <summary>Bound on starting (until /health/live answers) and on stopping.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();

    private readonly string _home;

    private PilitoServer(Process process, Uri baseAddress, string home)
    {
        _process = process;
        BaseAddress = baseAddress;
        _home = home;
    }

    public Uri BaseAddress { get; }

    /// <summary>The process id (the dotnet host runs the app in its own process).</summary>
    public int Id => _process.Id;

    /// <summary>Standard output and error so far, interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_outputLock)
                return _output.ToString();
        }
    }

    /// <summary>
    /// Settings, as environment variables, of a server in the Testing environment on the SQLite file
    /// <paramref name="databasePath"/> that sends SMS to the Kavenegar stand-in and reveals codes. It does not migrate.
    /// </summary>
    public static Dictionary<string, string?> Settings(string databasePath, Uri kavenegar) =>
        Settings(TestProvider.Sqlite, databasePath, kavenegar);

    /// <summary>
    /// As <see cref="Settings(string, Uri)"/>, on <paramref name="provider"/>: for PostgreSQL <paramref name="database"/>
    /// names a database on the run's cluster (<see cref="DatabaseFile.New"/>).
    /// </summary>
    public static Dictionary<string, string?> Settings(TestProvider provider, string database, Uri kavenegar)
    {
        ArgumentNullException.ThrowIfNull(kavenegar);
        return new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["DOTNET_ENVIRONMENT"] = "Testing",
            ["Database__Provider"] = provider == TestProvider.PostgreSql ? "PostgreSQL" : "Sqlite",
            ["ConnectionStrings__Pilito"] = provider == TestProvider.PostgreSql
                ? PostgreSqlCluster.Shared.ConnectionString(database)
                : $"Data Source={database}",
            ["Database__MigrateOnStartup"] = "false",
            ["Auth__SigningKey"] = PilitoApp.SigningKey,
            ["Otp__HashKey"] = PilitoApp.HashKey,
            ["Otp__RevealCodes"] = "true",
            ["Sms__Provider"] = "Kavenegar",
            ["Kavenegar__ApiKey"] = KavenegarStandIn.ValidKey,
            ["Kavenegar__BaseUrl"] = kavenegar.ToString(),
            ["Otp__MaxSendsPerIpPerHour"] = "1000",
        };
    }

    /// <summary>Starts the server on a free port and returns once /health/live answers; fails the test otherwise.</summary>
    /// <param name="environment">Variables for the process; a null value removes one inherited from the test run.</param>
    public static async Task<PilitoServer> StartAsync(IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        TestSpeed.Require(TestSpeed.Process);
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(PilitoProcess.WebAssemblyPath);
        start.Environment["ASPNETCORE_URLS"] = url;
        start.Environment["Urls"] = url; // appsettings.json's Urls beats ASPNETCORE_URLS when the content root holds it
        // A home of its own, as on a machine of its own: nothing is shared through ~/.aspnet (Data Protection's
        // default key folder) or any other per-user file; only through the database.
        var home = Directory.CreateTempSubdirectory("pilito-home-").FullName;
        start.Environment["HOME"] = home;
        foreach (var (key, value) in environment)
        {
            if (value is null)
                start.Environment.Remove(key);
            else
                start.Environment[key] = value;
        }

        var server = new PilitoServer(Process.Start(start)!, new Uri(url + "/"), home);
        server._process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilLiveAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>A client of this server; <paramref name="timeout"/> bounds each call (default 30 s).</summary>
    public HttpClient CreateClient(TimeSpan? timeout = null) =>
        new() { BaseAddress = BaseAddress, Timeout = timeout ?? Limit };

    /// <summary>Whether the server still accepts new connections (a server shutting down stops first of all).</summary>
    public async Task<bool> AcceptsConnectionsAsync()
    {
        using var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync(IPAddress.Loopback, BaseAddress.Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Sends SIGTERM, as `docker stop`, systemd or Kubernetes do: the server shuts down gracefully.</summary>
    public async Task TerminateAsync()
    {
        // The shell's own kill: no P/Invoke, and no procps needed.
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardError = true };
        foreach (var arg in new[] { "-c", "kill -TERM \"$1\"", "sh", Id.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(arg);
        using var kill = Process.Start(start)!;
        var error = await kill.StandardError.ReadToEndAsync();
        await kill.WaitForExitAsync();
        Assert.That(kill.ExitCode, Is.Zero, $"kill -TERM {Id}: {error}");
    }

    /// <summary>SIGKILL (kill -9): the process ends at once, mid-request, as in a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await WaitForExitAsync();
    }

    /// <summary>Waits (bounded by <see cref="Limit"/>) until the process has exited; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var limit = new CancellationTokenSource(Limit);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"Pilito.Web (pid {Id}) still ran {Limit} later:\n{Output}");
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_home, recursive: true);
    }

    private async Task WaitUntilLiveAsync()
    {
        using var client = CreateClient(TimeSpan.FromSeconds(5));
        await Eventually.HoldsAsync(async () =>
        {
            if (_process.HasExited)
                Assert.Fail($"Pilito.Web exited with {_process.ExitCode} before it was live:\n{Output}");
            try
            {
                using var live = await client.GetAsync(new Uri("health/live", UriKind.Relative));
                return live.StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false; // not listening yet
            }
            catch (TaskCanceledException)
            {
                return false;
            }
        }, Limit, () => $"Pilito.Web at {BaseAddress} to answer /health/live:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_outputLock)
            _output.AppendLine(line);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
