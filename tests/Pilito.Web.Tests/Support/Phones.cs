namespace Pilito.Web.Tests.Support;

/// <summary>A distinct valid mobile number per test, so one app serves a whole fixture.</summary>
public static class Phones
{
    private static int _next = 1000;

    /// <summary>National form, e.g. 09120001001.</summary>
    public static string NextNational() => $"0912{Interlocked.Increment(ref _next) % 10_000_000:D7}";

    public static string ToE164(string national) => "+98" + national[1..];

    /// <summary>The text with each digit 0–9 written as a Persian digit (۰–۹), other characters kept.</summary>
    public static string InPersianDigits(string text) =>
        new([.. text.Select(c => c is >= '0' and <= '9' ? (char)('۰' + (c - '0')) : c)]);
}
