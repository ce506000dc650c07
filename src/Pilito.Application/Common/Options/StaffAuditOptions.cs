using System.ComponentModel.DataAnnotations;

namespace Pilito.Application.Common.Options;

/// <summary>The staff audit log's settings (section Admin, beside the staff session's).</summary>
public sealed class StaffAuditOptions
{
    public const string Section = "Admin";

    /// <summary>Entries older than this are deleted by the retention purge. At least a day, so a purge never empties today's log.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan AuditRetention { get; set; } = TimeSpan.FromDays(365);
}
