using System.Globalization;
using Pilito.Application.Admin.CreateStaffAccount;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Admin;

/// <summary>On the Persian token list the date filters take Solar Hijri days, as the page shows them (issue #18).</summary>
public sealed class PersianDateFilterTests : StandInFixture
{
    private static readonly TimeZoneInfo Tehran = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tehran");

    [Test]
    public async Task A_Solar_Hijri_day_in_Persian_digits_finds_the_codes_of_that_Tehran_day()
    {
        var phone = Phones.NextNational();
        await Client.RequestCodeAsync(phone);
        var id = (long)(await Database.ReadNewestTokenAsync(App, Phones.ToE164(phone)))["Id"]!;
        using var staff = await Staff.SignedInClientAsync(App, await Staff.CreateAsync(App, StaffRoles.Staff));
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Tehran).DateTime);
        var link = Pilito.Web.Admin.AdminPaths.OtpToken(id);

        var sameDay = await ListAsync(staff, SolarHijri(today, persianDigits: true), SolarHijri(today, persianDigits: true));
        var later = await ListAsync(staff, SolarHijri(today.AddDays(1), persianDigits: false), null);

        Assert.That(sameDay, Does.Contain($"href=\"{link}\""));
        Assert.That(sameDay, Does.Contain("type=\"text\" inputmode=\"numeric\""), "a Solar Hijri field, not the browser's Gregorian picker");
        Assert.That(later, Does.Not.Contain($"href=\"{link}\""));
        Assert.That(later, Does.Not.Contain("role=\"alert\""), "a valid day: no warning");
    }

    private static async Task<string> ListAsync(HttpClient staff, string from, string? to) =>
        await staff.GetStringAsync(new Uri(Pilito.Web.Admin.AdminPaths.OtpTokens + "?culture=fa-IR&from=" + Uri.EscapeDataString(from)
            + (to is null ? string.Empty : "&to=" + Uri.EscapeDataString(to)), UriKind.Relative));

    private static string SolarHijri(DateOnly day, bool persianDigits)
    {
        var calendar = new PersianCalendar();
        var date = day.ToDateTime(TimeOnly.MinValue);
        var text = string.Create(CultureInfo.InvariantCulture, $"{calendar.GetYear(date):0000}/{calendar.GetMonth(date):00}/{calendar.GetDayOfMonth(date):00}");
        return persianDigits ? Phones.InPersianDigits(text) : text;
    }
}
