namespace Pilito.Web.Tests.Support;

/// <summary>The database a test app runs on: an embedded SQLite file, or a database on the run's PostgreSQL cluster.</summary>
public enum TestProvider
{
    Sqlite,
    PostgreSql,
}
