using System.CommandLine;
using Pilito.Infrastructure.Persistence;

namespace Pilito.Web.Commands;

public static class MigrateCommand
{
    public const string Name = "migrate";

    public static Command Create(IServiceProvider services, TextWriter output)
    {
        var command = new Command(Name, "Apply pending database migrations and exit.");
        command.SetAction(async (_, cancellationToken) =>
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PilitoDbContext>();
            var pending = await DatabaseMigration.MigrateAsync(db, cancellationToken);
            await output.WriteLineAsync(pending.Count == 0
                ? "Database is up to date; no migrations to apply."
                : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}");
            return 0;
        });
        return command;
    }
}
