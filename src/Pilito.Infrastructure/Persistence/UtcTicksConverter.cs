using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Pilito.Infrastructure.Persistence;

/// <summary>
/// Stores an instant as its UTC ticks: an integer that SQLite compares and orders correctly, at full precision
/// (EF's DateTimeOffsetToBinaryConverter drops digits below 0.1 ms, so a value read back differs from the one written).
/// </summary>
internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    instant => instant.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
