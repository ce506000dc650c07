using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Pilito.Web.Tests.Support;

/// <summary>
/// Debian's nginx running the operator's site file, <c>deploy/nginx/pilito.conf</c>, in a temporary folder: only its
/// upstream addresses, its ports (free ones on 127.0.0.1) and its certificate (self-signed, made here with openssl)
/// are changed. Each proxied request is logged with the instance that answered it (<see cref="AnswersAsync"/>).
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    public const string Program = "/usr/sbin/nginx";

    private readonly Process _process;
    private readonly string _folder;
    private readonly X509Certificate2 _certificate;

    private NginxProxy(Process process, string folder, X509Certificate2 certificate, int httpsPort, int httpPort)
    {
        _process = process;
        _folder = folder;
        _certificate = certificate;
        HttpsAddress = new Uri($"https://127.0.0.1:{httpsPort}/");
        HttpAddress = new Uri($"http://127.0.0.1:{httpPort}/");
    }

    public Uri HttpsAddress { get; }

    public Uri HttpAddress { get; }

    private const string TagHeader = "X-Test-Tag";

    private string AccessLog => Path.Combine(_folder, "access.log");

    /// <summary>The site file the operator copies, from the repository.</summary>
    public static string SiteFile => Path.Combine(PilitoProcess.RepositoryRoot, "deploy", "nginx", "pilito.conf");

    /// <summary>Starts nginx in front of <paramref name="upstreams"/> (the site file's two instances, in order).</summary>
    public static async Task<NginxProxy> StartAsync(IReadOnlyList<Uri> upstreams)
    {
        ArgumentNullException.ThrowIfNull(upstreams);
        TestSpeed.Require(TestSpeed.Process);
        if (!File.Exists(Program))
            Assert.Fail($"nginx is not installed ({Program}): the proxy tests need Debian's nginx (apt-get install -y nginx), as .ci/run does.");

        var folder = Directory.CreateTempSubdirectory("pilito-nginx-").FullName;
        // Run as root, nginx's workers run as www-data: they must reach the folder's temp paths.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var certificate = await SelfSignedCertificateAsync(folder);
        var (httpsPort, httpPort) = (PilitoServer.FreePort(), PilitoServer.FreePort());
        await File.WriteAllTextAsync(Path.Combine(folder, "pilito.conf"), Site(await File.ReadAllTextAsync(SiteFile), folder, upstreams, httpsPort, httpPort));
        await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), MainConfiguration(folder));

        var start = new ProcessStartInfo(Program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-p", folder, "-c", Path.Combine(folder, "nginx.conf"), "-g", "daemon off;" })
            start.ArgumentList.Add(arg);
        var proxy = new NginxProxy(Process.Start(start)!, folder, certificate, httpsPort, httpPort);
        try
        {
            await proxy.WaitUntilListeningAsync();
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }

        return proxy;
    }

    /// <summary>
    /// A client of the proxy's https address that trusts exactly its self-signed certificate and keeps cookies as a
    /// browser does (Secure ones only over https). No redirects are followed. Its requests carry
    /// <paramref name="tag"/>, by which <see cref="AnswersAsync"/> finds them in the access log.
    /// </summary>
    public HttpClient CreateClient(CookieContainer? cookies = null, string? tag = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, presented, _, _) =>
                    presented is not null && presented.GetCertHashString() == _certificate.GetCertHashString(),
            },
        };
        var client = new HttpClient(handler) { BaseAddress = HttpsAddress, Timeout = PilitoServer.Limit };
        if (tag is not null)
            client.DefaultRequestHeaders.Add(TagHeader, tag);
        return client;
    }

    /// <summary>
    /// The answers to the requests tagged <paramref name="tag"/>, oldest first, once <paramref name="count"/> of them
    /// are logged (nginx writes a line after the answer has gone out): the request's path, the upstream that
    /// answered (host:port; the ones tried before it come first, comma-separated) and the status.
    /// </summary>
    public async Task<IReadOnlyList<(string Path, string Upstream, int Status)>> AnswersAsync(string tag, int count)
    {
        List<(string Path, string Upstream, int Status)> answers = [];
        await Eventually.HoldsAsync(async () =>
        {
            var lines = File.Exists(AccessLog) ? await File.ReadAllLinesAsync(AccessLog) : [];
            answers = [.. lines.Select(line => line.Split(' ', 4)).Where(f => f.Length == 4 && f[1] == tag)
                .Select(f => (f[2], f[3], int.Parse(f[0], CultureInfo.InvariantCulture)))];
            return answers.Count >= count;
        }, PilitoServer.Limit, () => $"{count} answers tagged {tag} in nginx's access log, {answers.Count} so far");
        return answers;
    }

    public string ErrorLog => File.Exists(Path.Combine(_folder, "error.log")) ? File.ReadAllText(Path.Combine(_folder, "error.log")) : string.Empty;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _certificate.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    // The operator's file, changed only where a test machine differs from a server: addresses, ports, certificate.
    private static string Site(string site, string folder, IReadOnlyList<Uri> upstreams, int httpsPort, int httpPort)
    {
        var changes = new (string From, string To)[]
        {
            ("server 127.0.0.1:5001 ", $"server 127.0.0.1:{upstreams[0].Port} "),
            ("server 127.0.0.1:5002 ", $"server 127.0.0.1:{upstreams[1].Port} "),
            ("listen 443 ssl http2;", $"listen 127.0.0.1:{httpsPort} ssl http2;"),
            ("listen [::]:443 ssl http2;\n", string.Empty),
            ("listen 80;", $"listen 127.0.0.1:{httpPort};"),
            ("listen [::]:80;\n", string.Empty),
            ("/etc/letsencrypt/live/auth.example.ir/fullchain.pem", Path.Combine(folder, "certificate.pem")),
            ("/etc/letsencrypt/live/auth.example.ir/privkey.pem", Path.Combine(folder, "key.pem")),
        };
        foreach (var (from, to) in changes)
        {
            Assert.That(site, Does.Contain(from), $"{SiteFile} no longer has \"{from.Trim()}\": update {nameof(NginxProxy)} with it");
            site = site.Replace(from, to, StringComparison.Ordinal);
        }

        return site;
    }

    // What /etc/nginx/nginx.conf gives a site on a server, in the folder, with one worker (so that consecutive
    // requests go round the upstreams in turn) and an access log naming the instance that answered.
    private static string MainConfiguration(string folder) => $$"""
        worker_processes 1;
        pid {{folder}}/nginx.pid;
        error_log {{folder}}/error.log info;
        events { worker_connections 1024; }
        http {
            client_body_temp_path {{folder}}/body;
            proxy_temp_path {{folder}}/proxy;
            fastcgi_temp_path {{folder}}/fastcgi;
            uwsgi_temp_path {{folder}}/uwsgi;
            scgi_temp_path {{folder}}/scgi;
            log_format answers '$status $http_x_test_tag $uri $upstream_addr';
            access_log {{folder}}/access.log answers;
            include {{folder}}/pilito.conf;
        }
        """;

    private static async Task<X509Certificate2> SelfSignedCertificateAsync(string folder)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
                 {
                     "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                     "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                     "-keyout", Path.Combine(folder, "key.pem"), "-out", Path.Combine(folder, "certificate.pem"),
                 })
        {
            start.ArgumentList.Add(arg);
        }

        using var openssl = Process.Start(start)!;
        var error = openssl.StandardError.ReadToEndAsync();
        await openssl.StandardOutput.ReadToEndAsync();
        await openssl.WaitForExitAsync();
        Assert.That(openssl.ExitCode, Is.Zero, $"openssl made no certificate: {await error}");
        return X509CertificateLoader.LoadCertificateFromFile(Path.Combine(folder, "certificate.pem"));
    }

    private async Task WaitUntilListeningAsync()
    {
        var output = new StringBuilder();
        _process.ErrorDataReceived += (_, e) => output.AppendLine(e.Data);
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        await Eventually.HoldsAsync(async () =>
        {
            if (_process.HasExited)
                Assert.Fail($"nginx exited with {_process.ExitCode}: {output}{ErrorLog}");
            using var tcp = new System.Net.Sockets.TcpClient();
            try
            {
                await tcp.ConnectAsync(IPAddress.Loopback, HttpsAddress.Port);
                return true;
            }
            catch (System.Net.Sockets.SocketException)
            {
                return false;
            }
        }, PilitoServer.Limit, () => $"nginx to listen on {HttpsAddress}: {output}{ErrorLog}");
    }
}
