using Pilito.Domain.Phones;

namespace Pilito.Application.Common.Ports;

public enum SmsTestMethod
{
    Send,
    Lookup,
    Both,
}

/// <summary>Troubleshooting of the SMS provider: its settings, a live probe, and a real test message.</summary>
public interface ISmsDiagnostics
{
    /// <summary>The provider these checks are about, as Sms:Providers spells it.</summary>
    string Provider { get; }

    /// <summary>Settings only, nothing sent over the network: key (masked), key shape, sender, method.</summary>
    IReadOnlyList<DiagnosticCheck> DescribeConfiguration();

    /// <summary>Asks the provider (sending nothing): reachable, key accepted, credit, sender line.</summary>
    Task<IReadOnlyList<DiagnosticCheck>> ProbeAsync(CancellationToken cancellationToken);

    /// <summary>Really sends a message with each chosen method (a provider with one way to send ignores it) and reports the provider's full answer.</summary>
    Task<IReadOnlyList<SmsTestAttempt>> SendTestAsync(PhoneNumber receptor, SmsTestMethod method, string? message, CancellationToken cancellationToken);
}

public sealed record SmsTestAttempt(
    string Method,
    bool Success,
    int? HttpStatus,
    int? ProviderStatus,
    string Reason,
    string? ProviderMessage,
    string? MessageId,
    long? Cost,
    TimeSpan Duration);
