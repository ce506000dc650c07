using Npgsql;
using Pilito.Infrastructure.Persistence.GroupCommit.Rows;

namespace Pilito.Infrastructure.Persistence.GroupCommit.PostgreSql;

/// <summary>
/// A statement of <see cref="PostgreSqlRowsSql"/>: a round sends one of these per kind of change rather than one
/// statement per row, since on a server database each statement costs the backend work of its own whatever it
/// writes. Each row's values are set by name, as on a one-row statement; each parameter is sent as an array of its
/// rows' values, typed so PostgreSQL knows it whatever the values (all NULL included).
/// </summary>
internal sealed class PostgreSqlRowsStatement
{
    private readonly Type[] _elementTypes;

    /// <param name="sql">The statement, its <c>$parameters</c> named as each row's values are.</param>
    /// <param name="types">The type of each parameter's values (an array of them is sent).</param>
    public PostgreSqlRowsStatement(string sql, IReadOnlyDictionary<string, Type> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        Statement = new PostgreSqlStatement(sql);
        ParameterTypes = Statement.ParameterNames.ToDictionary(name => name, name => types[name]);
        _elementTypes = new Type[Statement.ParameterNames.Count];
        foreach (var name in Statement.ParameterNames)
            _elementTypes[Statement.PositionOf(name)] = ElementType(types[name]);
    }

    public PostgreSqlStatement Statement { get; }

    public string Sql => Statement.Sql;

    /// <summary>The type of each parameter's values, by the name its SQL gives it.</summary>
    public IReadOnlyDictionary<string, Type> ParameterTypes { get; }

    /// <summary>A run with no rows yet.</summary>
    public Rows Start() => new(this);

    /// <summary>An array of a value type holds NULLs too: a column that may be NULL in one row may be in another.</summary>
    private static Type ElementType(Type type) =>
        type.IsValueType && Nullable.GetUnderlyingType(type) is null ? typeof(Nullable<>).MakeGenericType(type) : type;

    /// <summary>The rows of one run, each begun by <see cref="Next"/> and given every parameter's value by name.</summary>
    public sealed class Rows : IStatementParameters
    {
        private static readonly object Unset = new();
        private readonly PostgreSqlRowsStatement _statement;
        private readonly List<object?[]> _rows = [];

        public Rows(PostgreSqlRowsStatement statement) => _statement = statement;

        public int Count => _rows.Count;

        public object? this[string name]
        {
            set => _rows[^1][_statement.Statement.PositionOf(name)] = value;
        }

        /// <summary>Begins a row: the values set next are its.</summary>
        public void Next()
        {
            var row = new object?[_statement._elementTypes.Length];
            Array.Fill(row, Unset);
            _rows.Add(row);
        }

        /// <summary>The command to add to a batch; throws when a row left a parameter unset.</summary>
        public NpgsqlBatchCommand ToCommand()
        {
            var command = new NpgsqlBatchCommand(_statement.Sql);
            for (var position = 0; position < _statement._elementTypes.Length; position++)
            {
                var values = Array.CreateInstance(_statement._elementTypes[position], _rows.Count);
                for (var row = 0; row < _rows.Count; row++)
                {
                    var value = _rows[row][position];
                    if (ReferenceEquals(value, Unset))
                        throw new InvalidOperationException($"A row of \"{_statement.Sql}\" left parameter {position + 1} unset.");
                    values.SetValue(value, row);
                }

                command.Parameters.Add(new NpgsqlParameter { Value = values });
            }

            return command;
        }
    }
}
