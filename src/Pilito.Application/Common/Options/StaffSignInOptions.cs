using System.ComponentModel.DataAnnotations;

namespace Pilito.Application.Common.Options;

/// <summary>How many failed staff sign-ins are allowed before the admin sign-in page pauses (section Admin).</summary>
public sealed class StaffSignInOptions
{
    public const string Section = "Admin";

    /// <summary>How long failures for one email from one network are counted.</summary>
    public static readonly TimeSpan AccountWindow = TimeSpan.FromMinutes(15);

    /// <summary>Failed sign-ins from one client network per hour, whatever the email: password spraying stops here.</summary>
    [Range(1, 1_000_000)]
    public int MaxFailedSignInsPerAddressPerHour { get; set; } = 20;

    /// <summary>
    /// Failed sign-ins for one email from one client network per <see cref="AccountWindow"/>: guessing one staff
    /// member's password stops here, while the same member at another network can still sign in.
    /// </summary>
    [Range(1, 1_000)]
    public int MaxFailedSignInsPerAccountPerAddress { get; set; } = 5;
}
