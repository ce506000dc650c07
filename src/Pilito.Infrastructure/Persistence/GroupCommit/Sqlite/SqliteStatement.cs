using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Pilito.Infrastructure.Persistence.GroupCommit.Sqlite;

/// <summary>
/// A statement prepared once on the writer's connection (SQLite keeps it compiled between runs), its parameters set
/// by name. A parameter keeps its value until set again: whoever runs a statement sets every one of its parameters.
/// </summary>
internal sealed partial class SqliteStatement : IAsyncDisposable
{
    private readonly SqliteCommand _command;
    private readonly Dictionary<string, SqliteParameter> _parameters;

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _command = connection.CreateCommand();
        _command.CommandText = sql;
        _parameters = ParameterNames(sql).ToDictionary(name => name, name => _command.Parameters.Add(new SqliteParameter { ParameterName = name }));
    }

    public object? this[string name]
    {
        set => _parameters[name].Value = value ?? DBNull.Value;
    }

    /// <summary>The command, in <paramref name="transaction"/>, with the values set so far.</summary>
    public SqliteCommand In(SqliteTransaction transaction)
    {
        _command.Transaction = transaction;
        return _command;
    }

    public ValueTask DisposeAsync() => _command.DisposeAsync();

    private static IEnumerable<string> ParameterNames(string sql) =>
        Parameter().Matches(sql).Select(m => m.Value).Distinct(StringComparer.Ordinal);

    [GeneratedRegex(@"\$\w+")]
    private static partial Regex Parameter();
}
