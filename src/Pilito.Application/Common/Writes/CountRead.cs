namespace Pilito.Application.Common.Writes;

/// <summary>
/// A count window a write will read (<see cref="IOtpTransaction.FindCountsAsync"/>), told when the write is queued:
/// the transaction may then read every write's windows at once, where each read would otherwise be a round trip to
/// the database that the transaction's other writes wait for. Reading a window that was told is the same as reading
/// any other; one the write does not read in the end costs nothing but the read.
/// </summary>
/// <param name="WindowStart">The start the write reads it from (or later).</param>
public sealed record CountRead(CountScope Scope, DateTimeOffset WindowStart);
