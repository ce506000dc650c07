namespace Pilito.Application.Admin.Common;

/// <summary>One page of a keyset-paged list, with the cursors of its neighbours (null when there is none).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next, string? Previous);
