using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pilito.Infrastructure.Persistence;
using Pilito.Web;
using Pilito.Web.Admin;
using Pilito.Web.Commands;
using Pilito.Web.Configuration;

// The guide's .env (working directory or a parent, e.g. the repository root); real environment variables win.
DotNetEnv.Env.NoClobber().TraversePath().Load();

var isCommand = OperatorCommands.IsCommand(args);
try
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions
    {
        Args = isCommand ? [] : args,
        ContentRootPath = ContentRoot.Locate(),
    });
    builder.AddPilito();
    if (isCommand)
        builder.Logging.SetMinimumLevel(LogLevel.Warning); // the command's own output is the report
    var app = builder.Build();

    if (isCommand)
        return await OperatorCommands.RunAsync(app.Services, args, Console.Out, CancellationToken.None);

    // Every ValidateOnStart check, before the database is migrated or seeded (the host would run them only later).
    app.Services.GetService<IStartupValidator>()?.Validate();
    var startup = app.Services.GetRequiredService<IOptions<StartupOptions>>().Value;
    if (startup.MigrateOnStartup ?? app.Environment.IsDevelopment())
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PilitoDbContext>().Database.MigrateAsync();
    }

    await app.SeedStaffAsync(); // Development only

    app.UsePilito();
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException e)
{
    // A missing or wrong setting: say which, plainly, and stop.
    await Console.Error.WriteLineAsync($"Pilito cannot start: {string.Join(" ", e.Failures)}");
    return 1;
}
catch (InvalidOperationException e) when (e.InnerException is FormatException or ArgumentException)
{
    // A setting that does not convert to its type: the binder's message names the value, the setting and the type.
    await Console.Error.WriteLineAsync($"Pilito cannot start: {e.Message}");
    return 1;
}
