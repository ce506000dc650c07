using Microsoft.Data.Sqlite;

namespace Pilito.Infrastructure.Persistence.GroupCommit.Sqlite;

/// <summary>Values as EF Core's SQLite provider stores them: GUIDs as upper-case text, instants as <see cref="UtcTicksConverter"/> ticks.</summary>
internal static class SqliteValues
{
    public static string Stored(Guid id) => id.ToString().ToUpperInvariant();

    public static long? Stored(DateTimeOffset? instant) => instant is { } value ? UtcTicksConverter.ToStored(value) : null;

    public static DateTimeOffset? Instant(SqliteDataReader row, int ordinal) =>
        row.IsDBNull(ordinal) ? null : UtcTicksConverter.FromStored(row.GetInt64(ordinal));

    public static string? Text(SqliteDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetString(ordinal);
}
