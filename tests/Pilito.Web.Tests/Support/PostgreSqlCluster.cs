using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Pilito.Web.Tests.Support;

/// <summary>
/// One throwaway PostgreSQL 15 cluster for the whole test run, started by the first test that asks for it: a fresh
/// data folder in the temp directory, owned by the <c>postgres</c> user (the server refuses to run as root), on a free
/// port of 127.0.0.1, trust authentication. <c>fsync=off</c>: the cluster is thrown away at the end and a test never
/// crashes the server itself (SIGKILL tests kill Pilito, not PostgreSQL), so syncing the disk would only cost time.
/// <see cref="PostgreSqlClusterTeardown"/> stops it and deletes the folder when the run ends, passed or failed. Each
/// app gets a database of its own, created by its migrations.
/// </summary>
public sealed class PostgreSqlCluster
{
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";

    private const string FolderPrefix = "pilito-pg-";
    private const string OwnerFile = "owner.pid";

    private static readonly Lazy<PostgreSqlCluster> Started = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _folder;

    private PostgreSqlCluster(string folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    /// <summary>The run's cluster, started on first use. When it cannot start, every test that needs it fails saying why.</summary>
    public static PostgreSqlCluster Shared => Started.Value;

    public int Port { get; }

    private string DataFolder => Path.Combine(_folder, "data");

    /// <summary>A new database name, unique to the run; the app's migrations create the database.</summary>
    public static string NewDatabaseName() => $"pilito_{Guid.NewGuid():N}";

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Database = database,
        Username = "postgres",
    }.ConnectionString;

    public static void StopIfStarted()
    {
        if (Started.IsValueCreated)
            Started.Value.Stop();
    }

    private static PostgreSqlCluster Start()
    {
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")) || !File.Exists(Path.Combine(BinDirectory, "pg_ctl")))
        {
            throw new InvalidOperationException(
                $"PostgreSQL 15 is not installed ({BinDirectory}/initdb, pg_ctl missing): the PostgreSQL tests need it. " +
                "Install Debian's postgresql-15 (apt-get install -y postgresql-15), as .ci/run does.");
        }

        StopAbandoned();
        var folder = Directory.CreateTempSubdirectory(FolderPrefix).FullName;
        var cluster = new PostgreSqlCluster(folder, FreeLoopbackPort());
        try
        {
            File.WriteAllText(Path.Combine(folder, OwnerFile), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (IsRoot)
                Run("chown", "postgres:postgres", folder);
            RunAsPostgres("initdb", "-D", cluster.DataFolder, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync");
            RunAsPostgres("pg_ctl", "start", "-w", "-D", cluster.DataFolder, "-l", Path.Combine(folder, "server.log"), "-o",
                $"-k {folder} -c listen_addresses=127.0.0.1 -p {cluster.Port} -c fsync=off -c max_connections=200");
            return cluster;
        }
        catch
        {
            cluster.Stop();
            throw;
        }
    }

    // A test host killed from outside (a hang timeout, Ctrl+C twice) never reaches the teardown and leaves its cluster
    // running: the next run stops every cluster whose test process is gone.
    private static void StopAbandoned()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var owner = Path.Combine(folder, OwnerFile);
            if (!File.Exists(owner) || !int.TryParse(File.ReadAllText(owner), out var pid) || IsAlive(pid))
                continue;
            new PostgreSqlCluster(folder, port: 0).Stop();
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
    }

    private void Stop()
    {
        if (File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
            RunAsPostgres("pg_ctl", "stop", "-D", DataFolder, "-m", "immediate", "-w");
        Directory.Delete(_folder, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    // Ask the system for a free port, then let it go for the server: nothing else on this machine takes ports at random
    // from the same range in the few milliseconds between.
    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void RunAsPostgres(string tool, params string[] args)
    {
        var program = Path.Combine(BinDirectory, tool);
        if (IsRoot)
            Run("runuser", ["-u", "postgres", "--", program, .. args]);
        else
            Run(program, args);
    }

    private static void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(), // postgres must be able to enter it
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        // pg_ctl start leaves the server holding its own log file, not these pipes, so reading to the end returns.
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {output}{error.Result}");
    }
}
