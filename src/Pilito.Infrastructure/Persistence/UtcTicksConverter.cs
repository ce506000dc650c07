using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Pilito.Infrastructure.Persistence;

/// <summary>
/// Stores an instant as its UTC ticks: an integer that SQLite compares and orders correctly, at full precision
/// (EF's DateTimeOffsetToBinaryConverter drops digits below 0.1 ms, so a value read back differs from the one written).
/// </summary>
internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(ToTicks, FromTicks)
{
    private static readonly Expression<Func<DateTimeOffset, long>> ToTicks = instant => instant.UtcTicks;
    private static readonly Expression<Func<long, DateTimeOffset>> FromTicks = ticks => new DateTimeOffset(ticks, TimeSpan.Zero);

    // EF's materializer builds a new converter for every value it reads (new UtcTicksConverter() in the shaper), and
    // each instance would compile these expressions again: a dynamic method per column per row. Compile them once.
    private static readonly Func<object?, object?> ToProvider = value => value is DateTimeOffset instant ? instant.UtcTicks : null;
    private static readonly Func<object?, object?> FromProvider = value => value is long ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public override Func<object?, object?> ConvertToProvider => ToProvider;

    public override Func<object?, object?> ConvertFromProvider => FromProvider;
}
