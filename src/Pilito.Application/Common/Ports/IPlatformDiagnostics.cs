namespace Pilito.Application.Common.Ports;

/// <summary>Troubleshooting of what Pilito runs on: the database and the versions of its main components.</summary>
public interface IPlatformDiagnostics
{
    /// <summary>Reachable, and no migration left to apply.</summary>
    Task<DiagnosticCheck> CheckDatabaseAsync(CancellationToken cancellationToken);

    DiagnosticCheck DescribeVersions();
}
