using System.Net;
using System.Text.RegularExpressions;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Pilito.Application.Admin.Audit;
using Microsoft.Extensions.Options;
using Pilito.Application.Admin.CreateStaffAccount;
using Pilito.Application.Admin.TwoFactor;
using Pilito.Application.Common.Options;
using Pilito.Infrastructure.Identity;

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

    /// <summary>
    /// A client signed in through the pages: the password, and the authenticator code when the member has two-factor
    /// on. A member the rule requires to use two factors (an Admin while Admin:RequireTwoFactor is on) is enrolled
    /// first, as they would be at their first sign-in.
    /// </summary>
    public static async Task<HttpClient> SignedInClientAsync(PilitoApp app, string? email = null)
    {
        var client = Client(app);
        await SignInFullyAsync(app, client, email ?? await CreateAsync(app));
        return client;
    }

    /// <summary>Signs this client in as <see cref="SignedInClientAsync"/> does: both steps when the member needs two.</summary>
    public static async Task SignInFullyAsync(PilitoApp app, HttpClient client, string email)
    {
        var key = await KeyForSignInAsync(app, email);
        using var response = await SignInAsync(client, email);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "signed in");
        if (key is not null)
        {
            Assert.That(response.Headers.Location?.ToString(), Does.StartWith(TwoFactorSignInPath), "asked for the second step");
            using var second = await SecondStepAsync(client, Totp.Code(key, Now(app)));
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "second step passed");
        }
    }

    public const string TwoFactorSignInPath = "/admin/login/two-factor";

    /// <summary>Posts a code (authenticator or recovery) to the second sign-in step.</summary>
    public static async Task<HttpResponseMessage> SecondStepAsync(HttpClient client, string code, string? next = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var token = await AntiforgeryTokenAsync(client, TwoFactorSignInPath);
        var fields = new Dictionary<string, string> { ["Code"] = code, ["__RequestVerificationToken"] = token };
        if (next is not null)
            fields["next"] = next;
        return await client.PostAsync(new Uri(TwoFactorSignInPath, UriKind.Relative), new FormUrlEncodedContent(fields));
    }

    /// <summary>Turns two-factor on through Identity, as the enrolment page does; returns the authenticator key.</summary>
    public static async Task<string> EnrolAsync(PilitoApp app, string email)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PilitoUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"no account {email}");
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    /// <summary>The member's authenticator key, or null when two-factor is off.</summary>
    public static async Task<string?> AuthenticatorKeyAsync(PilitoApp app, string email)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PilitoUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"no account {email}");
        return await users.GetTwoFactorEnabledAsync(user) ? await users.GetAuthenticatorKeyAsync(user) : null;
    }

    /// <summary>The app's clock: the fake one when a test set it.</summary>
    public static DateTimeOffset Now(PilitoApp app) => (app ?? throw new ArgumentNullException(nameof(app))).Services.GetRequiredService<TimeProvider>().GetUtcNow();

    private static async Task<string?> KeyForSignInAsync(PilitoApp app, string email)
    {
        if (await AuthenticatorKeyAsync(app, email) is { } key)
            return key;
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PilitoUser>>();
        var roles = await users.GetRolesAsync((await users.FindByEmailAsync(email))!);
        var required = StaffTwoFactorRule.IsRequired(roles, scope.ServiceProvider.GetRequiredService<IOptions<StaffTwoFactorOptions>>().Value);
        return required ? await EnrolAsync(app, email) : null;
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        return AntiforgeryTokenIn(await client.GetStringAsync(new Uri(path, UriKind.Relative)));
    }

    private static string AntiforgeryTokenIn(string html)
    {
        var match = TokenField().Match(html);
        Assert.That(match.Success, Is.True, "no anti-forgery token on the page");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
