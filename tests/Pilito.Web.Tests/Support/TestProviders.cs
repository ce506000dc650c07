namespace Pilito.Web.Tests.Support;

/// <summary>
/// The providers a contract fixture runs on, for <c>[TestFixtureSource(typeof(TestProviders), nameof(TestProviders.Both))]</c>:
/// the same tests, once on SQLite and once on a real PostgreSQL server (<see cref="PostgreSqlCluster"/>).
/// </summary>
public static class TestProviders
{
    public static readonly TestProvider[] Both = [TestProvider.Sqlite, TestProvider.PostgreSql];
}
