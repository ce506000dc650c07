namespace Pilito.Infrastructure.Persistence.GroupCommit.Rows;

/// <summary>A statement's parameters, set by the name its SQL gives them (<c>$name</c>); null is stored as NULL.</summary>
internal interface IStatementParameters
{
    object? this[string name] { set; }
}
