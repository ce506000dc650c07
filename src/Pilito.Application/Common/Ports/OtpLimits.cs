namespace Pilito.Application.Common.Ports;

/// <summary>The limits a new code must pass, as counts of codes created since a point in time.</summary>
/// <param name="ClientIp">The caller's address; null when unknown (no per-address limit then).</param>
public sealed record OtpLimits(
    int MaxPerPhone,
    DateTimeOffset PhoneWindowStart,
    string? ClientIp,
    int MaxPerAddress,
    int MaxOverall,
    DateTimeOffset HourStart);
