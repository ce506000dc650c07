using Microsoft.EntityFrameworkCore;

namespace Pilito.Infrastructure.Persistence;

/// <summary>
/// PostgreSQL's context, owning its migrations. Instants are stored as UTC ticks (<c>bigint</c>), as on SQLite, not
/// as <c>timestamp with time zone</c>: PostgreSQL keeps microseconds and .NET ticks are a tenth of that, so an instant
/// read back would differ from the one written (an account's join time answered at sign-in would not equal the one
/// <c>/me</c> reads). Ticks keep every value exact and still compare and order as instants.
/// </summary>
public sealed class PostgreSqlPilitoDbContext(DbContextOptions<PostgreSqlPilitoDbContext> options) : PilitoDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }
}
