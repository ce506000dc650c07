using Pilito.Infrastructure.Persistence.GroupCommit.Rows;

namespace Pilito.Infrastructure.Persistence.GroupCommit.PostgreSql;

/// <summary>
/// Statements that write many rows at once: each <c>$parameter</c> is an array with one element per row, and
/// <c>unnest</c> turns the arrays back into rows. The SQL is the same whatever the number of rows, so it stays
/// prepared on the writer's connection.
/// </summary>
internal static class PostgreSqlRowsSql
{
    /// <summary>
    /// Inserts one row per element, in the arrays' order: an insert that returns the ids the database gave gets them
    /// in that order too, since rows are inserted, and returned, in the order the SELECT gives them.
    /// </summary>
    /// <param name="into">The table, and an alias when the statement goes on (an ON CONFLICT clause).</param>
    /// <param name="values">Each column with its value: a <c>$parameter</c> (an array) or SQL that is the same for every row.</param>
    /// <param name="rest">What follows the rows: <c>RETURNING</c>, <c>ON CONFLICT</c>, or nothing.</param>
    public static string Insert(string into, IReadOnlyList<(string Column, string Value)> values, string rest = "")
    {
        ArgumentNullException.ThrowIfNull(values);
        var parameters = Parameters(values);
        return $"INSERT INTO {into} ({string.Join(", ", values.Select(v => SqlNames.Quoted(v.Column)))}) " +
            $"SELECT {string.Join(", ", values.Select(v => IsParameter(v.Value) ? "r." + Alias(v.Value) : v.Value))} " +
            $"FROM unnest({string.Join(", ", parameters)}) WITH ORDINALITY AS r({string.Join(", ", parameters.Select(Alias))}, \"Ordinal\") " +
            $"ORDER BY r.\"Ordinal\"{(rest.Length == 0 ? string.Empty : " " + rest)}";
    }

    /// <summary>
    /// Sets columns of one row per element, the row each element's <paramref name="where"/> values find. The first
    /// of those is the primary key, also matched as a list, so the table is read by its index whatever the
    /// planner's estimate of the arrays' length.
    /// </summary>
    public static string Update(string table, IReadOnlyList<(string Column, string Value)> set, IReadOnlyList<(string Column, string Value)> where)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(where);
        var parameters = Parameters([.. where, .. set]);
        var key = where[0];
        return $"UPDATE {table} AS t SET {string.Join(", ", set.Select(c => $"{SqlNames.Quoted(c.Column)} = r.{Alias(c.Value)}"))} " +
            $"FROM unnest({string.Join(", ", parameters)}) AS r({string.Join(", ", parameters.Select(Alias))}) " +
            $"WHERE {string.Join(" AND ", where.Select(c => $"t.{SqlNames.Quoted(c.Column)} = r.{Alias(c.Value)}"))} " +
            $"AND t.{SqlNames.Quoted(key.Column)} = ANY({key.Value})";
    }

    private static List<string> Parameters(IEnumerable<(string Column, string Value)> values) =>
        values.Select(v => v.Value).Where(IsParameter).Distinct(StringComparer.Ordinal).ToList();

    private static bool IsParameter(string value) => value.StartsWith('$');

    /// <summary>The name a parameter's elements go by in the unnested rows.</summary>
    private static string Alias(string parameter) => SqlNames.Quoted(parameter[1..]);
}
