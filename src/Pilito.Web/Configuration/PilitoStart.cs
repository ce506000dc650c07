using Microsoft.Extensions.Options;

namespace Pilito.Web.Configuration;

/// <summary>
/// Building the host and checking its settings, shared by Program and the tests of wrong settings, so both meet a wrong
/// value the same way: a throw here, turned into one line by <see cref="StartFailure"/>.
/// </summary>
public static class PilitoStart
{
    /// <param name="settings">Overrides on top of every other source (the tests' wrong values); null for none.</param>
    /// <param name="configure">Last changes to the builder (an operator command's quieter logging).</param>
    public static WebApplication Build(WebApplicationOptions options, IEnumerable<KeyValuePair<string, string?>>? settings = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(options);
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPilito();
        configure?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>Every ValidateOnStart check, before the database is migrated or seeded (the host would run them only later).</summary>
    public static void Validate(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Services.GetService<IStartupValidator>()?.Validate();
    }
}
