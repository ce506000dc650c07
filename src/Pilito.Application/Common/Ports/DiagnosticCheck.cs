namespace Pilito.Application.Common.Ports;

public enum CheckStatus
{
    Ok,
    Warning,
    Error,
}

/// <summary>One line of a troubleshooting report: what was checked, how it went, and what to do. Never holds a secret.</summary>
public sealed record DiagnosticCheck(string Name, CheckStatus Status, string Detail)
{
    public static DiagnosticCheck Ok(string name, string detail) => new(name, CheckStatus.Ok, detail);

    public static DiagnosticCheck Warning(string name, string detail) => new(name, CheckStatus.Warning, detail);

    public static DiagnosticCheck Error(string name, string detail) => new(name, CheckStatus.Error, detail);
}
