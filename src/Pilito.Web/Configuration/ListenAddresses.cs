namespace Pilito.Web.Configuration;

/// <summary>Where the server listens: the public address (the host's settings, or the guide's default) and the optional management port.</summary>
public static class ListenAddresses
{
    private const string Default = "http://localhost:8000";

    public static void ListenOnPublicAndManagementUrls(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IConfiguration configuration = builder.Configuration;
        var management = ManagementEndpoints.UrlsOf(configuration);
        builder.Services.AddSingleton(ManagementEndpoints.From(configuration));
        var publicUrls = PublicUrls(configuration);
        // UseUrls replaces the host's own address settings: only when there is something to add to them.
        if (publicUrls.Count == 0 || management.Count > 0)
            builder.WebHost.UseUrls([.. publicUrls.DefaultIfEmpty(Default), .. management]);
    }

    /// <summary>The host's address settings (Urls, --urls, ASPNETCORE_URLS, ASPNETCORE_HTTP(S)_PORTS) as URLs.</summary>
    private static List<string> PublicUrls(IConfiguration configuration)
    {
        if (Items(configuration["urls"]) is { Length: > 0 } urls)
            return [.. urls];
        return [.. Items(configuration["http_ports"]).Select(p => $"http://*:{p}"), .. Items(configuration["https_ports"]).Select(p => $"https://*:{p}")];
    }

    /// <summary>The entries of a semicolon-separated address setting, as the host reads them.</summary>
    internal static string[] Items(string? setting) =>
        (setting ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// With a management port: it serves /metrics and /health only, and the public port serves no /metrics. Without
    /// one, nothing changes.
    /// </summary>
    public static void UseManagementPort(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var management = app.Services.GetRequiredService<ManagementEndpoints>();
        if (!management.IsConfigured)
            return;
        app.UseWhen(
            context => management.Serves(context)
                ? !ManagementEndpoints.IsProbe(context.Request.Path)
                : context.Request.Path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase),
            notHere => notHere.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }));
    }
}
