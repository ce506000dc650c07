
namespace Pilito.Web.Tests.Support;

/// <summary>
/// One client behind the trusted proxy on 127.0.0.1: its requests carry its X-Forwarded-For and arrive as https
/// (X-Forwarded-Proto), as the proxy would send them. It keeps its cookies itself, since they are Secure and the
/// hop from the proxy is plain http.
/// </summary>
public sealed class ProxiedClient(HttpClient http, string forwardedFor)
{
    private readonly Dictionary<string, string> _cookies = [];
    private string? _antiforgeryToken;

    /// <summary>Opens the login page for its anti-forgery token and cookie, once.</summary>
    public async Task PrepareAsync()
    {
        if (_antiforgeryToken is not null)
            return;
        using var page = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/admin/login"));
        _antiforgeryToken = Staff.AntiforgeryTokenIn(await page.Content.ReadAsStringAsync());
    }

    public async Task<HttpResponseMessage> SignInAsync(string email, string password)
    {
        await PrepareAsync();
        return await PostSignInAsync(email, password);
    }

    /// <summary>Posts the login form; <see cref="PrepareAsync"/> must have run.</summary>
    public Task<HttpResponseMessage> PostSignInAsync(string email, string password) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, "/admin/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = email,
                ["Password"] = password,
                ["__RequestVerificationToken"] = _antiforgeryToken ?? throw new InvalidOperationException("PrepareAsync first"),
            }),
        });

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            request.Headers.Add("X-Forwarded-Proto", "https");
            lock (_cookies)
            {
                if (_cookies.Count > 0)
                    request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            }

            var response = await http.SendAsync(request);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
                Keep(setCookies);
            return response;
        }
    }

    private void Keep(IEnumerable<string> setCookies)
    {
        lock (_cookies)
        {
            foreach (var header in setCookies)
            {
                var pair = header.Split(';', 2)[0];
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                    _cookies[pair[..equals]] = pair[(equals + 1)..];
            }
        }
    }
}
