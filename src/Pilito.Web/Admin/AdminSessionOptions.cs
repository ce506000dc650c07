using System.ComponentModel.DataAnnotations;

namespace Pilito.Web.Admin;

/// <summary>How long a staff session lasts (section Admin).</summary>
public sealed class AdminSessionOptions
{
    public const string Section = "Admin";

    /// <summary>Idle time after which the staff cookie expires; each use renews it.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>From sign-in, however busy the session: then the staff member signs in again.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);
}
