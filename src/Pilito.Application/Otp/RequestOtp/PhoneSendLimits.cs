using Pilito.Application.Common.Options;

namespace Pilito.Application.Otp.RequestOtp;

/// <summary>
/// How often one phone may be sent a code, from the times its codes of the last 24 hours were created: a few at once
/// (Otp:MaxSendsPerWindow per Otp:SendWindow), then each further code after a growing delay (Otp:ResendDelays), and
/// never more than Otp:MaxSendsPerPhonePerDay a day. Bounds what SMS bombing can send to a chosen victim.
/// </summary>
public static class PhoneSendLimits
{
    public static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>The refusal, or null when the phone may be sent a code now.</summary>
    /// <param name="lastDay">Creation times of the phone's codes since <paramref name="now"/> minus a day, oldest first.</param>
    public static OtpAdmission? Check(IReadOnlyList<DateTimeOffset> lastDay, OtpOptions otp, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(lastDay);
        ArgumentNullException.ThrowIfNull(otp);
        var sent = lastDay.Count;
        if (sent >= otp.MaxSendsPerPhonePerDay)
            return OtpAdmission.Refused(OtpRefusal.PhoneDaily, lastDay[sent - otp.MaxSendsPerPhonePerDay] + Day);

        // Both may hold the phone back: the answer names the one that lets it go last, so Retry-After is honest.
        OtpAdmission? refused = null;
        var inWindow = lastDay.Where(t => t > now - otp.SendWindow).ToList();
        if (inWindow.Count >= otp.MaxSendsPerWindow)
            refused = OtpAdmission.Refused(OtpRefusal.Phone, inWindow[inWindow.Count - otp.MaxSendsPerWindow] + otp.SendWindow);

        if (sent >= otp.MaxSendsPerWindow)
        {
            var delays = otp.ResendDelayList;
            var next = lastDay[^1] + delays[Math.Min(sent - otp.MaxSendsPerWindow, delays.Count - 1)];
            if (now < next && (refused is null || next > refused.FreesUpAt))
                refused = OtpAdmission.Refused(OtpRefusal.ResendDelay, next);
        }

        return refused;
    }
}
