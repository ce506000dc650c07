using Microsoft.EntityFrameworkCore;

namespace Pilito.Infrastructure.Persistence;

public sealed class SqlitePilitoDbContext(DbContextOptions<SqlitePilitoDbContext> options) : PilitoDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // SQLite cannot compare or order DateTimeOffset text; stored as UTC ticks.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }
}
