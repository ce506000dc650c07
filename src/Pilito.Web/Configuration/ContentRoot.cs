namespace Pilito.Web.Configuration;

/// <summary>
/// Where appsettings.json and wwwroot are. `dotnet run` starts in the project folder, which has them; a published
/// server started from elsewhere (`dotnet out/Pilito.Web.dll`) would otherwise look in the current directory and
/// run without its settings and static files.
/// </summary>
internal static class ContentRoot
{
    private const string Settings = "appsettings.json";

    public static string? Locate() =>
        !File.Exists(Path.Combine(Directory.GetCurrentDirectory(), Settings)) && File.Exists(Path.Combine(AppContext.BaseDirectory, Settings))
            ? AppContext.BaseDirectory
            : null;
}
