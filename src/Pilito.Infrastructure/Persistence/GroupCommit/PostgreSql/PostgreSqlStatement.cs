using System.Text.RegularExpressions;
using Npgsql;
using Pilito.Infrastructure.Persistence.GroupCommit.Rows;

namespace Pilito.Infrastructure.Persistence.GroupCommit.PostgreSql;

/// <summary>
/// One of the round's statements, written with named parameters (<c>$name</c>, as the SQLite path's) and sent with
/// positional ones (<c>$1</c>): Npgsql then sends the text as it is, with nothing to rewrite on each run, and can keep
/// it prepared on the writer's connection.
/// </summary>
internal sealed partial class PostgreSqlStatement
{
    private readonly Dictionary<string, int> _positions = new(StringComparer.Ordinal);

    public PostgreSqlStatement(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        Sql = Parameter().Replace(sql, m =>
        {
            if (!_positions.TryGetValue(m.Value, out var position))
                _positions.Add(m.Value, position = _positions.Count);
            return "$" + (position + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        });
    }

    /// <summary>The SQL as sent: every named parameter replaced by its position.</summary>
    public string Sql { get; }

    /// <summary>The names its SQL gives its parameters (<c>$name</c>).</summary>
    public IReadOnlyCollection<string> ParameterNames => _positions.Keys;

    /// <summary>The position (from 0) of the parameter its SQL names <paramref name="name"/>.</summary>
    public int PositionOf(string name) => _positions[name];

    /// <summary>A command of this statement for one run; every parameter its SQL names must be set before it is sent.</summary>
    public Run Start() => new(this);

    [GeneratedRegex(@"\$[A-Za-z_]\w*")]
    private static partial Regex Parameter();

    /// <summary>One run of the statement: its parameters' values, set by name.</summary>
    public sealed class Run : IStatementParameters
    {
        private readonly PostgreSqlStatement _statement;
        private readonly NpgsqlParameter[] _parameters;

        public Run(PostgreSqlStatement statement)
        {
            _statement = statement;
            _parameters = new NpgsqlParameter[statement._positions.Count];
        }

        public object? this[string name]
        {
            set => _parameters[_statement._positions[name]] = new NpgsqlParameter { Value = value ?? DBNull.Value };
        }

        /// <summary>The command to add to a batch; throws when a parameter was left unset.</summary>
        public NpgsqlBatchCommand ToCommand()
        {
            var command = new NpgsqlBatchCommand(_statement.Sql);
            foreach (var parameter in _parameters)
                command.Parameters.Add(parameter ?? throw new InvalidOperationException($"A parameter of \"{_statement.Sql}\" was not set."));
            return command;
        }
    }
}
