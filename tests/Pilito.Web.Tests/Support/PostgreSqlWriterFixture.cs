using Microsoft.Extensions.DependencyInjection;
using Pilito.Infrastructure.Persistence;
using Pilito.Infrastructure.Persistence.GroupCommit;
using Pilito.Infrastructure.Persistence.GroupCommit.PostgreSql;

namespace Pilito.Web.Tests.Support;

/// <summary>
/// Tests of the writer's PostgreSQL rounds, run directly: one app on the run's cluster (migrated by its first code
/// request) for the database, and writers on it, each standing for one instance's (its own data source and connection).
/// </summary>
public abstract class PostgreSqlWriterFixture
{
    protected PilitoApp App { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAppAsync()
    {
        App = new PilitoApp(null, provider: TestProvider.PostgreSql);
        using var client = App.CreateClient();
        await client.RequestCodeAsync(Phones.NextNational()); // migrated
    }

    [OneTimeTearDown]
    public async Task StopAppAsync() => await App.DisposeAsync();

    private protected PostgreSqlWriteDatabase Writer(TimeSpan lockTimeout) =>
        new(DatabaseSetup.WriterDataSource(App.ConnectionString, lockTimeout), App.Services.GetRequiredService<PhoneAccounts>());
}
