using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Pilito.Web.Configuration;

/// <summary>Transport and header hardening: trusted proxies only, HTTPS outside loopback, no banner, strict headers.</summary>
internal static class Hardening
{
    private const string AdminPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    // The sign-in sample (Development only): its own modules and styles, and calls to this API; nothing inline.
    private const string SamplePolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    public static void AddPilitoHardening(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024; // API bodies are capped far lower; this bounds the admin forms
        });

        // X-Forwarded-For is believed only from the proxies and networks named in configuration.
        var proxies = builder.Configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
        var networks = builder.Configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // the obsolete list still holds the loopback default, and is still consulted
            options.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            foreach (var proxy in proxies)
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in networks)
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        builder.Services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true; // loopback hosts stay excluded (HstsOptions.ExcludedHosts)
        });
    }

    public static void UsePilitoHardening(this WebApplication app)
    {
        // With no proxy listed the middleware would trust every peer, so it runs only when some are.
        var trusted = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ForwardedHeadersOptions>>().Value;
        if (trusted.KnownProxies.Count > 0 || trusted.KnownIPNetworks.Count > 0)
            app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            // Probes and scrapes stay on plain http: a load balancer's health check does not follow redirects.
            app.UseWhen(context => !IsLoopback(context) && !ManagementEndpoints.IsProbe(context.Request.Path), https => https.UseHttpsRedirection());
            // Staff cookies are Secure: over plain http (a loopback client, not redirected) they cannot work at all.
            app.UseWhen(context => !context.Request.IsHttps && context.Request.Path.StartsWithSegments("/admin"),
                refuse => refuse.Run(context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return context.Response.WriteAsync("The admin pages need HTTPS.");
                }));
        }

        // Set as the answer starts, not before: the exception handler clears the headers of an answer it rewrites,
        // and an error answer needs them as much as any.
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state => AddSecurityHeaders((HttpContext)state), context);
            return next(context);
        });
    }

    private static Task AddSecurityHeaders(HttpContext context)
    {
        var headers = context.Response.Headers;
        var path = context.Request.Path;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        if (!path.StartsWithSegments("/swagger"))
            headers.ContentSecurityPolicy = path.StartsWithSegments("/admin") ? AdminPolicy
                : path.StartsWithSegments(SampleWeb.RequestPath) ? SamplePolicy
                : ApiPolicy;
        if (path.StartsWithSegments("/api"))
            headers.CacheControl = "no-store"; // codes, verification ids and tokens must never sit in a cache
        return Task.CompletedTask;
    }

    private static bool IsLoopback(HttpContext context) =>
        context.Connection.RemoteIpAddress is null || IPAddress.IsLoopback(context.Connection.RemoteIpAddress);
}
