using System.Net;
using System.Text.RegularExpressions;
using Mediator;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Pilito.Application.Admin.Audit;
using Pilito.Application.Admin.CreateStaffAccount;

namespace Pilito.Web.Tests.Support;

/// <summary>Staff accounts and admin-page sessions for tests.</summary>
public static partial class Staff
{
    public const string Password = "Staff-test-password-1";
    private static int _next;

    /// <summary>The actor of commands a test sends straight through Mediator, not through an admin page.</summary>
    public static StaffActor Operator { get; } = new(null, "tests@pilito.test", null);

    public static string NextEmail() => $"staff{Interlocked.Increment(ref _next)}@pilito.test";

    public static async Task<string> CreateAsync(PilitoApp app, string role = StaffRoles.Staff)
    {
        ArgumentNullException.ThrowIfNull(app);
        var email = NextEmail();
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CreateStaffAccountCommand(email, Password, role));
        Assert.That(result.Outcome, Is.EqualTo(CreateStaffAccountOutcome.Created), string.Join(" ", result.Errors));
        return email;
    }

    /// <summary>A client that keeps cookies and does not follow redirects, over https (admin cookies are Secure outside Development).</summary>
    public static HttpClient Client(PilitoApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
    }

    /// <summary>Signs in through the login form, as a browser would.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password = Password)
    {
        ArgumentNullException.ThrowIfNull(client);
        var token = await AntiforgeryTokenAsync(client, "/admin/login");
        return await client.PostAsync(new Uri("/admin/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    public static async Task<HttpClient> SignedInClientAsync(PilitoApp app, string? email = null)
    {
        var client = Client(app);
        using var response = await SignInAsync(client, email ?? await CreateAsync(app));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "signed in");
        return client;
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        return AntiforgeryTokenIn(await client.GetStringAsync(new Uri(path, UriKind.Relative)));
    }

    public static string AntiforgeryTokenIn(string html)
    {
        var match = TokenField().Match(html);
        Assert.That(match.Success, Is.True, "no anti-forgery token on the page");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
