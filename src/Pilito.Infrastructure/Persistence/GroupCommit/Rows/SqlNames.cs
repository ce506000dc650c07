namespace Pilito.Infrastructure.Persistence.GroupCommit.Rows;

internal static class SqlNames
{
    /// <summary>A table's or column's name as SQL quotes it: SQLite and PostgreSQL both take double quotes, and PostgreSQL then keeps its case.</summary>
    public static string Quoted(string name) => $"\"{name}\"";
}
