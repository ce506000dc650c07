using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Pilito.Infrastructure.Persistence;

/// <summary>
/// Stores an instant as its UTC ticks: an integer that SQLite compares and orders correctly, at full precision
/// (EF's DateTimeOffsetToBinaryConverter drops digits below 0.1 ms, so a value read back differs from the one written).
/// </summary>
internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(ToTicks, FromTicks)
{
    private static readonly Expression<Func<DateTimeOffset, long>> ToTicks = instant => ToStored(instant);
    private static readonly Expression<Func<long, DateTimeOffset>> FromTicks = ticks => FromStored(ticks);

    // EF's materializer builds a new converter for every value it reads (new UtcTicksConverter() in the shaper), and
    // each instance would compile these expressions again: a dynamic method per column per row. Compile them once.
    private static readonly Func<object?, object?> ToProvider = value => value is DateTimeOffset instant ? ToStored(instant) : null;
    private static readonly Func<object?, object?> FromProvider = value => value is long ticks ? FromStored(ticks) : null;

    /// <summary>The stored form of an instant; SQL written without EF (the group-commit writer) uses it too.</summary>
    public static long ToStored(DateTimeOffset instant) => instant.UtcTicks;

    public static DateTimeOffset FromStored(long ticks) => new(ticks, TimeSpan.Zero);

    public override Func<object?, object?> ConvertToProvider => ToProvider;

    public override Func<object?, object?> ConvertFromProvider => FromProvider;
}
