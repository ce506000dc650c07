using Microsoft.Extensions.Options;
using Pilito.Infrastructure.Persistence;
using Pilito.Web;
using Pilito.Web.Admin;
using Pilito.Web.Commands;
using Pilito.Web.Configuration;

// The guide's .env (working directory or a parent, e.g. the repository root); real environment variables win.
DotNetEnv.Env.NoClobber().TraversePath().Load();

if (OperatorCommands.IsHelp(args))
    return await OperatorCommands.HelpAsync(args, Console.Out);

var isCommand = OperatorCommands.IsCommand(args);
try
{
    var app = PilitoStart.Build(new WebApplicationOptions
    {
        Args = isCommand ? [] : args,
        ContentRootPath = ContentRoot.Locate(),
    }, configure: isCommand
        ? builder => builder.Logging
            .SetMinimumLevel(LogLevel.Warning) // the command's own output is the report
            .AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None) // a database failure is that report's one line
        : null);

    if (isCommand)
        return await OperatorCommands.RunAsync(app.Services, args, Console.Out, CancellationToken.None);

    PilitoStart.Validate(app);
    var startup = app.Services.GetRequiredService<IOptions<StartupOptions>>().Value;
    if (startup.MigrateOnStartup ?? app.Environment.IsDevelopment())
    {
        await using var scope = app.Services.CreateAsyncScope();
        await DatabaseMigration.MigrateAsync(scope.ServiceProvider.GetRequiredService<PilitoDbContext>(), CancellationToken.None);
    }

    await app.SeedStaffAsync(); // Development only

    app.UsePilito();
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (isCommand && CommandFailure.Describe(args[0], e) is { } line)
{
    await Console.Error.WriteLineAsync(line);
    return 1;
}
catch (Exception e) when (StartFailure.Describe(e) is { } line)
{
    // A missing or wrong setting: say which, plainly, in one line, and stop.
    await Console.Error.WriteLineAsync(line);
    return 1;
}
