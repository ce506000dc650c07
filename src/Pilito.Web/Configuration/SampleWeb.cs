using Microsoft.Extensions.FileProviders;

namespace Pilito.Web.Configuration;

/// <summary>
/// Serves samples/web, the sign-in page app teams copy, under /sample/ in Development only. The folder sits at the
/// repository root beside Pilito.sln, not in the project: a published server or container has neither, so there
/// nothing is mapped and the start-up log says so once.
/// </summary>
public static class SampleWeb
{
    public const string RequestPath = "/sample";

    public static void UseSampleWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Environment.IsDevelopment())
            return;

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SampleWeb));
        if (Locate(app.Environment.ContentRootPath) is not { } folder)
        {
            logger.LogInformation("No samples/web beside Pilito.sln above {ContentRoot}: the sample page is not served.",
                app.Environment.ContentRootPath);
            return;
        }

        app.UseFileServer(new FileServerOptions
        {
            RequestPath = RequestPath,
            FileProvider = new PhysicalFileProvider(folder),
            EnableDefaultFiles = true, // /sample/ → index.html
        });
        logger.LogInformation("Serving the sign-in sample from {Folder} at {Path}/.", folder, RequestPath);
    }

    /// <summary>
    /// samples/web of the repository holding <paramref name="contentRoot"/> (the nearest folder above it with
    /// Pilito.sln); null outside a repository or when the folder has no index.html.
    /// </summary>
    public static string? Locate(string contentRoot)
    {
        for (var folder = new DirectoryInfo(contentRoot); folder is not null; folder = folder.Parent)
        {
            if (!File.Exists(Path.Combine(folder.FullName, "Pilito.sln")))
                continue;
            var sample = Path.Combine(folder.FullName, "samples", "web");
            return File.Exists(Path.Combine(sample, "index.html")) ? sample : null;
        }

        return null;
    }
}
