using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pilito.Infrastructure.Persistence;
using Pilito.Web;
using Pilito.Web.Admin;
using Pilito.Web.Configuration;
using Pilito.Web.Commands;

var (command, hostArgs, commandArgs) = OperatorCommands.Split(args);
var builder = WebApplication.CreateBuilder(hostArgs);
builder.AddPilito();
var app = builder.Build();

try
{
    if (command is not null)
        return await OperatorCommands.RunAsync(command, app.Services, commandArgs);

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
