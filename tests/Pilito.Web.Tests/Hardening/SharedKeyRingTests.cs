using System.Net;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Hardening;

/// <summary>
/// Data Protection keys live in the database, so a staff session made on one instance works on every other; on SQLite
/// and on a real PostgreSQL server.
/// </summary>
[TestFixtureSource(typeof(TestProviders), nameof(TestProviders.Both))]
public sealed class SharedKeyRingTests(TestProvider provider)
{
    [Test]
    public async Task Staff_sign_in_made_on_one_instance_works_on_another()
    {
        await using var first = new PilitoApp(null, provider: provider);
        await using var second = new PilitoApp(null, databasePath: first.DatabasePath, provider: provider);
        using var onFirst = await Staff.SignedInClientAsync(first);
        var cookie = await CookieHeaderAsync(onFirst);
        using var onSecond = Staff.Client(second);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/");
        request.Headers.Add("Cookie", cookie);
        using var response = await onSecond.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "not sent back to the login page");
        Assert.That(await CountKeysAsync(first), Is.GreaterThan(0));
    }

    // The test server's client keeps its cookies to itself; read them off a request it makes.
    private static async Task<string> CookieHeaderAsync(HttpClient client)
    {
        using var echo = await client.GetAsync(new Uri("/admin/", UriKind.Relative));
        Assert.That(echo.StatusCode, Is.EqualTo(HttpStatusCode.OK), "signed in on the first instance");
        var handler = (System.Net.Http.Headers.HttpRequestHeaders?)echo.RequestMessage?.Headers;
        return string.Join("; ", handler!.GetValues("Cookie"));
    }

    private static Task<long> CountKeysAsync(PilitoApp app) => Database.ScalarAsync(app, """SELECT COUNT(*) FROM "DataProtectionKeys" """);
}
