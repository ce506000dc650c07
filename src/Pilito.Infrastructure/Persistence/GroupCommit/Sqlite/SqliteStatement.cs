using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Pilito.Infrastructure.Persistence.GroupCommit.Rows;

namespace Pilito.Infrastructure.Persistence.GroupCommit.Sqlite;

/// <summary>
/// A statement prepared once on the writer's connection (SQLite keeps it compiled between runs), its parameters set
/// by name (a GUID as the upper-case text EF Core stores). A parameter keeps its value until set again: whoever runs a statement sets every one of its parameters.
/// </summary>
internal sealed partial class SqliteStatement : IStatementParameters, IAsyncDisposable
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
        set => _parameters[name].Value = value switch
        {
            null => DBNull.Value,
            Guid id => id.ToString().ToUpperInvariant(), // as EF Core's SQLite provider stores a GUID
            _ => value,
        };
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
