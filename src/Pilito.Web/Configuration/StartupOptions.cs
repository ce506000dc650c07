namespace Pilito.Web.Configuration;

public sealed class StartupOptions
{
    public const string Section = "Database";

    /// <summary>Apply pending migrations when the server starts. Default: on in Development only.</summary>
    public bool? MigrateOnStartup { get; set; }
}
