using System.Linq.Expressions;
using System.Reflection;
using Pilito.Application.Admin.Common;

namespace Pilito.Infrastructure.Administration;

/// <summary>
/// Keyset paging over (sort column, tie-breaker): a page is the rows strictly beyond a cursor, read by an index
/// seek, whatever the table's size. No OFFSET, no COUNT.
/// </summary>
internal static class Keyset
{
    private static readonly MethodInfo StringCompare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;

    /// <param name="keyOfRow">The row's cursor: sort key as a long (UTC ticks, counts) and its tie-breaker.</param>
    public static async Task<Page<TRow>> PageAsync<T, TKey, TTie, TRow>(
        IQueryable<T> source,
        Expression<Func<T, TKey>> key,
        Expression<Func<T, TTie>> tie,
        Func<PageCursor, (TKey Key, TTie Tie)> readCursor,
        Expression<Func<T, TRow>> projection,
        Func<TRow, PageCursor> keyOfRow,
        bool ascending,
        PageRequest page,
        Func<IQueryable<TRow>, Task<List<TRow>>> toListAsync)
    {
        var backwards = page.Before is not null;
        var cursor = page.Before ?? page.After;
        var descending = ascending == backwards; // reading backwards flips the order, then the page is reversed

        if (cursor is not null)
        {
            var (cursorKey, cursorTie) = readCursor(cursor);
            source = source.Where(Beyond(key, tie, cursorKey, cursorTie, descending));
        }

        var ordered = descending
            ? source.OrderByDescending(key).ThenByDescending(tie)
            : source.OrderBy(key).ThenBy(tie);
        var rows = await toListAsync(ordered.Select(projection).Take(page.Size + 1));
        var more = rows.Count > page.Size;
        if (more)
            rows.RemoveAt(rows.Count - 1);
        if (backwards)
            rows.Reverse();
        if (rows.Count == 0)
            return new Page<TRow>(rows, null, null);

        var first = keyOfRow(rows[0]).Encode();
        var last = keyOfRow(rows[^1]).Encode();
        return backwards
            ? new Page<TRow>(rows, last, more ? first : null)
            : new Page<TRow>(rows, more ? last : null, cursor is null ? null : first);
    }

    // key < k OR (key = k AND tie < t), or the same with >; values go in as parameters, not literals.
    private static Expression<Func<T, bool>> Beyond<T, TKey, TTie>(
        Expression<Func<T, TKey>> key, Expression<Func<T, TTie>> tie, TKey cursorKey, TTie cursorTie, bool less)
    {
        var row = key.Parameters[0];
        var keyColumn = key.Body;
        var tieColumn = new Rebind(tie.Parameters[0], row).Visit(tie.Body);
        var keyValue = Parameter(cursorKey);
        var tieValue = Parameter(cursorTie);
        var body = Expression.OrElse(
            Compare(keyColumn, keyValue, less),
            Expression.AndAlso(Expression.Equal(keyColumn, keyValue), Compare(tieColumn, tieValue, less)));
        return Expression.Lambda<Func<T, bool>>(body, row);
    }

    private static BinaryExpression Compare(Expression column, Expression value, bool less)
    {
        if (column.Type == typeof(string))
        {
            var compared = Expression.Call(StringCompare, column, value);
            return less ? Expression.LessThan(compared, Expression.Constant(0)) : Expression.GreaterThan(compared, Expression.Constant(0));
        }

        return less ? Expression.LessThan(column, value) : Expression.GreaterThan(column, value);
    }

    private static MemberExpression Parameter<TValue>(TValue value) =>
        Expression.Property(Expression.Constant(new Holder<TValue>(value)), nameof(Holder<TValue>.Value));

    private sealed record Holder<TValue>(TValue Value);

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
