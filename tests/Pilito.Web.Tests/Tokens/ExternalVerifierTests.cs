using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Tokens;

/// <summary>
/// Another service, knowing only Pilito's address: a minimal ASP.NET Core API with the stock JwtBearer handler and
/// <c>Authority</c> pointed at Pilito on 127.0.0.1. It shares no secret with Pilito; it reads the discovery document
/// and the JWKS, as any such service would.
/// </summary>
public sealed class ExternalVerifierTests
{
    private PilitoApp _pilito = null!;
    private HttpClient _pilitoClient = null!;
    private WebApplication _api = null!;
    private HttpClient _apiClient = null!;

    [OneTimeSetUp]
    public async Task StartPilitoAndTheOtherServiceAsync()
    {
        _pilito = new PilitoApp(kavenegar: null);
        var pilitoAddress = _pilito.StartOnLoopback();
        _pilitoClient = new HttpClient { BaseAddress = pilitoAddress };

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.Authority = pilitoAddress.ToString().TrimEnd('/');
            jwt.RequireHttpsMetadata = false; // loopback in a test; production verifiers keep https
            jwt.Audience = Jwks.Audience;
            jwt.MapInboundClaims = false;
        });
        builder.Services.AddAuthorization();
        _api = builder.Build();
        _api.UseAuthentication();
        _api.UseAuthorization();
        _api.MapGet("/whoami", (HttpContext context) => context.User.FindFirst("sub")?.Value).RequireAuthorization();
        await _api.StartAsync();
        var apiAddress = _api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _apiClient = new HttpClient { BaseAddress = new Uri(apiAddress) };
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _apiClient?.Dispose();
        if (_api is not null)
            await _api.DisposeAsync();
        _pilitoClient?.Dispose();
        if (_pilito is not null)
            await _pilito.DisposeAsync();
    }

    [Test]
    public async Task Other_service_accepts_a_Pilito_access_token_with_no_shared_secret()
    {
        var token = (await _pilitoClient.SignInAsync(Phones.NextNational())).GetProperty("access_token").GetString()!;

        using var response = await WhoAmIAsync(token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(Jwks.Read(token).Subject));
    }

    [Test]
    public async Task Other_service_refuses_a_tampered_Pilito_token()
    {
        var token = (await _pilitoClient.SignInAsync(Phones.NextNational())).GetProperty("access_token").GetString()!;
        var other = (await _pilitoClient.SignInAsync(Phones.NextNational())).GetProperty("access_token").GetString()!;
        var parts = token.Split('.');

        // The other account's genuine payload under this token's genuine signature: someone else's identity.
        using var response = await WhoAmIAsync($"{parts[0]}.{other.Split('.')[1]}.{parts[2]}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    private async Task<HttpResponseMessage> WhoAmIAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/whoami");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _apiClient.SendAsync(request);
    }
}
