using Microsoft.EntityFrameworkCore;

namespace Pilito.Infrastructure.Persistence;

public sealed class SqlServerPilitoDbContext(DbContextOptions<SqlServerPilitoDbContext> options) : PilitoDbContext(options);
