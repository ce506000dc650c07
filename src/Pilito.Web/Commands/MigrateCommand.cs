using Microsoft.EntityFrameworkCore;
using Pilito.Infrastructure.Persistence;

namespace Pilito.Web.Commands;

public static class MigrateCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PilitoDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        await db.Database.MigrateAsync();
        await Console.Out.WriteLineAsync(pending.Count == 0
            ? "Database is up to date; no migrations to apply."
            : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}");
        return 0;
    }
}
