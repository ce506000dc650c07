using System.Data.Common;

namespace Pilito.Infrastructure.Persistence.GroupCommit.Rows;

/// <summary>
/// Values as EF Core stores them on every provider: instants as <see cref="UtcTicksConverter"/> ticks. A GUID is
/// kept as a <see cref="System.Guid"/> here: PostgreSQL stores a uuid, SQLite upper-case text (its statement converts it).
/// </summary>
internal static class StoredValues
{
    public static long? Stored(DateTimeOffset? instant) => instant is { } value ? UtcTicksConverter.ToStored(value) : null;

    public static DateTimeOffset? Instant(DbDataReader row, int ordinal) =>
        row.IsDBNull(ordinal) ? null : UtcTicksConverter.FromStored(row.GetInt64(ordinal));

    public static string? Text(DbDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetString(ordinal);

    /// <summary>A uuid (PostgreSQL) or its text (SQLite).</summary>
    public static Guid Uuid(DbDataReader row, int ordinal) => row.GetValue(ordinal) switch
    {
        Guid id => id,
        var text => Guid.Parse((string)text),
    };

    public static Guid? NullableUuid(DbDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : Uuid(row, ordinal);
}
