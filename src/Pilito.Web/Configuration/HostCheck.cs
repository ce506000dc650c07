using System.Globalization;
using Pilito.Web.Admin;

namespace Pilito.Web.Configuration;

/// <summary>
/// What the admin pages need from the machine rather than from settings: ICU's Persian culture and calendar, and the
/// time-zone data for Tehran. A slim container image without them would otherwise start and fail on a staff page.
/// </summary>
internal static class HostCheck
{
    public static void Check()
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(AdminFormatter.TehranZoneId, out _))
        {
            throw new InvalidSettingException(
                $"this machine has no time-zone data for {AdminFormatter.TehranZoneId} (the admin pages show Tehran time): " +
                "install the tzdata package (Debian: apt-get install tzdata), or check TZDIR.");
        }

        if (!HasPersianCalendar())
        {
            throw new InvalidSettingException(
                "this machine has no ICU data for fa-IR (the admin pages use Persian and the Solar Hijri calendar): install " +
                "ICU (Debian 12: apt-get install libicu72) and leave DOTNET_SYSTEM_GLOBALIZATION_INVARIANT unset.");
        }
    }

    private static bool HasPersianCalendar()
    {
        try
        {
            return CultureInfo.GetCultureInfo("fa-IR").OptionalCalendars.OfType<PersianCalendar>().Any();
        }
        catch (CultureNotFoundException)
        {
            return false; // invariant globalization: only the invariant culture exists
        }
    }
}
