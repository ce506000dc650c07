namespace Pilito.Infrastructure.Persistence.GroupCommit.Rows;

/// <summary>
/// How one entity is stored in one table on the writer's own paths (SQLite's prepared statements, PostgreSQL's
/// batches): each column beside the value the entity gives it, the statements made from that list, and which columns
/// a write changed. An update sets only those: SQLite rewrites every index that has a column in the SET list, whether
/// or not its value changed, and PostgreSQL can then keep a row's new version on its page without touching an index
/// (a HOT update). An insert names only the columns that have a value (the rest are NULL): every parameter left out
/// is work saved on the writer's one thread. Identifiers are quoted, as EF Core's PostgreSQL migrations name them.
/// </summary>
/// <param name="stored">Every column but the Id (the database gives it), each with how the entity's value is stored.</param>
internal sealed class ColumnMap<T>(string table, IReadOnlyList<StoredColumn<T>> stored)
{
    private readonly string[] _parameters = stored.Select(c => "$" + c.Name).ToArray();
    private readonly Dictionary<string, int> _ordinals = new[] { "Id" }.Concat(stored.Select(c => c.Name)).Index().ToDictionary(c => c.Item, c => c.Index);

    /// <summary>The Id, then every stored column: the order <see cref="Ordinal"/> finds them in.</summary>
    public string SelectList { get; } = "\"Id\", " + string.Join(", ", stored.Select(c => SqlNames.Quoted(c.Name)));

    /// <summary>The table's name, quoted for SQL.</summary>
    public string Table { get; } = SqlNames.Quoted(table);

    public int Ordinal(string column) => _ordinals[column];

    /// <summary>The stored columns (no Id), in list order: what a bit of <see cref="WithValues"/> or <see cref="Changed"/> stands for.</summary>
    public IReadOnlyList<StoredColumn<T>> Stored => stored;

    /// <summary>The parameter a statement binds the column's value to (<see cref="Bind"/>).</summary>
    public string Parameter(int column) => _parameters[column];

    /// <summary>Each column whose bit is set, with the parameter its value is bound to: what an insert or update names.</summary>
    public IReadOnlyList<(string Column, string Value)> Values(ulong set) =>
        [.. Columns(set).Select(i => (stored[i].Name, _parameters[i]))];

    /// <summary>The stored value of every column, as the entity is now: what an insert or update binds, and what <see cref="Changed"/> compares.</summary>
    public object?[] Snapshot(T entity)
    {
        var values = new object?[stored.Count];
        for (var i = 0; i < values.Length; i++)
            values[i] = stored[i].Value(entity);
        return values;
    }

    /// <summary>The value <paramref name="column"/> had when <paramref name="snapshot"/> was taken.</summary>
    public object? ValueIn(object?[] snapshot, string column) => snapshot[_ordinals[column] - 1]; // a snapshot has no Id

    /// <summary>The columns (one bit each, in list order) that have a value in <paramref name="values"/>, NULL being none.</summary>
    public static ulong WithValues(object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        ulong set = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is not null)
                set |= 1UL << i;
        }

        return set;
    }

    /// <summary>Inserts a row with the <paramref name="columns"/> given; the database gives the Id and returns it.</summary>
    public string InsertSql(ulong columns)
    {
        var values = Values(columns);
        return $"INSERT INTO {Table} ({string.Join(", ", values.Select(v => SqlNames.Quoted(v.Column)))}) " +
            $"VALUES ({string.Join(", ", values.Select(v => v.Value))}) RETURNING \"Id\"";
    }

    /// <summary>The columns (one bit each, in list order) whose value differs between two snapshots.</summary>
    public static ulong Changed(object?[] loaded, object?[] now)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(now);
        ulong changed = 0;
        for (var i = 0; i < loaded.Length; i++)
        {
            if (!SameValue(loaded[i], now[i]))
                changed |= 1UL << i;
        }

        return changed;
    }

    /// <summary>Sets the <paramref name="changed"/> columns, if the row still has the version it was read with.</summary>
    public string UpdateSql(ulong changed) =>
        $"UPDATE {Table} SET {string.Join(", ", Values(changed).Select(v => $"{SqlNames.Quoted(v.Column)} = {v.Value}"))} " +
        "WHERE \"Id\" = $Id AND \"Version\" = $LoadedVersion";

    /// <summary>Sets the parameters of the <paramref name="columns"/> (an insert's or an update's) from a snapshot.</summary>
    public void Bind(IStatementParameters statement, object?[] values, ulong columns)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(values);
        for (var i = 0; i < values.Length; i++)
        {
            if ((columns & (1UL << i)) != 0)
                statement[_parameters[i]] = values[i];
        }
    }

    private IEnumerable<int> Columns(ulong set) => Enumerable.Range(0, stored.Count).Where(i => (set & (1UL << i)) != 0);

    private static bool SameValue(object? loaded, object? now) =>
        loaded is byte[] before && now is byte[] after ? before.AsSpan().SequenceEqual(after) : Equals(loaded, now);

    /// <summary>A map of at most 64 stored columns, one bit each in <see cref="Changed"/>.</summary>
    public static ColumnMap<T> For(string table, params StoredColumn<T>[] stored)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(stored.Length, 64);
        return new ColumnMap<T>(table, stored);
    }

    /// <summary>A column and how it stores the entity's value; the value's type is what a column of many rows' values is an array of.</summary>
    public static StoredColumn<T> Column<TValue>(string name, Func<T, TValue> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new StoredColumn<T>(name, entity => value(entity), typeof(TValue));
    }
}

/// <summary>A stored column: its name, the value an entity gives it, and that value's type (nullable for a column that may be NULL).</summary>
internal sealed record StoredColumn<T>(string Name, Func<T, object?> Value, Type Type);
