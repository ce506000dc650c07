using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests;

/// <summary>Stops the run's PostgreSQL cluster, if a test started it, after every test of this assembly, whatever their outcome.</summary>
[SetUpFixture]
public sealed class PostgreSqlClusterTeardown
{
    [OneTimeTearDown]
    public void StopCluster() => PostgreSqlCluster.StopIfStarted();
}
