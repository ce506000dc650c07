using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Pilito.Application.Admin.Common;
using Pilito.Application.Admin.ListOtpTokens;
using Pilito.Domain.Otp;
using Pilito.Web.Admin;

namespace Pilito.Web.Pages.Admin.Accounts.OtpToken;

/// <summary>Tokens newest first; every filter is in the query string, so a filtered page can be shared as a link.</summary>
public sealed class IndexModel(ISender sender, AdminFormatter format) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    /// <summary>First Tehran day shown: yyyy-MM-dd, or Solar Hijri yyyy/MM/dd (<see cref="AdminDays"/>).</summary>
    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    /// <summary>Last Tehran day shown, as <see cref="From"/>.</summary>
    [BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "sort")]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "dir")]
    public string? Dir { get; set; }

    [BindProperty(SupportsGet = true, Name = "after")]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true, Name = "before")]
    public string? Before { get; set; }

    public Page<OtpTokenRow> Tokens { get; private set; } = new([], null, null);

    public string? Error { get; private set; }

    private static readonly DateOnly FirstDay = new(1900, 1, 1);
    private static readonly DateOnly LastDay = new(9998, 12, 31);

    public static IReadOnlyList<OtpStatus> Statuses { get; } = Enum.GetValues<OtpStatus>();

    public OtpTokenSort SortColumn => Sort?.ToUpperInvariant() switch
    {
        "EXPIRES" => OtpTokenSort.Expires,
        "ATTEMPTS" => OtpTokenSort.Attempts,
        _ => OtpTokenSort.Created,
    };

    public bool Ascending => string.Equals(Dir, "asc", StringComparison.OrdinalIgnoreCase);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (Filters() is not { } query)
            return;
        try
        {
            Tokens = await sender.Send(query, cancellationToken);
        }
        catch (ValidationException e)
        {
            Error = e.Errors.First().ErrorMessage;
        }
    }

    /// <summary>
    /// Every token the filters match (at most <see cref="OtpTokenCsv.MaxRows"/>, in the list's order) as a CSV file;
    /// the filters' warning page when they do not parse.
    /// </summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        if (Filters() is not { } query)
            return Page();
        var rows = new List<OtpTokenRow>();
        try
        {
            for (var page = query with { After = null, Before = null, PageSize = PageRequest.MaxSize }; rows.Count < OtpTokenCsv.MaxRows;)
            {
                var tokens = await sender.Send(page, cancellationToken);
                rows.AddRange(tokens.Items.Take(OtpTokenCsv.MaxRows - rows.Count));
                if (tokens.Next is not { } next)
                    break;
                page = page with { After = next };
            }
        }
        catch (ValidationException e)
        {
            Error = e.Errors.First().ErrorMessage;
            return Page();
        }

        return File(OtpTokenCsv.Write(rows), "text/csv; charset=utf-8", OtpTokenCsv.FileName(DateTimeOffset.UtcNow));
    }

    /// <summary>The query the filters ask for; null, with <see cref="Error"/> set, when one of them does not parse.</summary>
    private ListOtpTokensQuery? Filters()
    {
        OtpStatus? status = null;
        if (!string.IsNullOrEmpty(Status))
        {
            if (!Enum.TryParse<OtpStatus>(Status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                Error = "Unknown status.";
                return null;
            }

            status = parsed;
        }

        var from = ReadDay(From);
        var to = ReadDay(To);
        if (from is null && !string.IsNullOrEmpty(From) || to is null && !string.IsNullOrEmpty(To))
        {
            Error = "Enter dates as YYYY-MM-DD, or Solar Hijri as 1404/09/10.";
            return null;
        }

        // Tehran's midnight of 0001-01-01, or the day after 9999-12-31, is no instant at all.
        if (from is { } first && (first < FirstDay || first > LastDay) || to is { } last && (last < FirstDay || last > LastDay))
        {
            Error = "Enter dates between 1900-01-01 and 9998-12-31.";
            return null;
        }

        return new ListOtpTokensQuery(Q, status,
            from is { } f ? format.StartOfTehranDay(f) : null,
            to is { } t ? format.StartOfTehranDay(t.AddDays(1)) : null,
            SortColumn, Ascending, After, Before);
    }

    /// <summary>The CSV export of what the current filters match.</summary>
    public string CsvLink()
    {
        var query = new Dictionary<string, string?>
        {
            ["handler"] = "Csv", ["q"] = Q, ["status"] = Status, ["from"] = From, ["to"] = To, ["sort"] = Sort, ["dir"] = Dir,
        };
        return QueryHelpers.AddQueryString(AdminPaths.OtpTokens, query.Where(p => !string.IsNullOrEmpty(p.Value)));
    }

    /// <summary>This list's link with the current filters, changed as given (null drops a parameter).</summary>
    public string Link(string? after = null, string? before = null, string? sort = null, string? dir = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["q"] = Q, ["status"] = Status, ["from"] = From, ["to"] = To,
            ["sort"] = sort ?? Sort, ["dir"] = dir ?? Dir, ["after"] = after, ["before"] = before,
        };
        return QueryHelpers.AddQueryString(AdminPaths.OtpTokens, query.Where(p => !string.IsNullOrEmpty(p.Value)));
    }

    /// <summary>A column header's link: sorts by it, flipping the direction when it is already the sort.</summary>
    public string SortLink(OtpTokenSort column)
    {
        var descending = column != SortColumn || Ascending;
        return Link(sort: column.ToString().ToLowerInvariant(), dir: descending ? "desc" : "asc");
    }

    private static DateOnly? ReadDay(string? text) => AdminDays.TryParse(text, out var day) ? day : null;
}
