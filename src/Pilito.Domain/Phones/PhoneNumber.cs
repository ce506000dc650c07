using System.Diagnostics.CodeAnalysis;
using PhoneNumbers;
using Pilito.Domain.Common;

namespace Pilito.Domain.Phones;

/// <summary>An Iranian mobile number, held in E.164 form (+989123456789).</summary>
public sealed record PhoneNumber
{
    private const string CountryCode = "98";
    private const int NationalSignificantLength = 10; // 9xxxxxxxxx
    private const int MaxInputLength = 40;
    private static readonly PhoneNumberUtil Library = PhoneNumberUtil.GetInstance();

    private PhoneNumber(string e164) => E164 = e164;

    /// <summary>Canonical form, e.g. +989123456789.</summary>
    public string E164 { get; }

    /// <summary>National form, e.g. 09123456789: what Kavenegar's receptor takes.</summary>
    public string National => "0" + E164[3..];

    /// <summary>The first three digits after the country code (912, 935 …): the range an operator was given.</summary>
    public string OperatorPrefix => E164[3..6];

    public static bool TryParse(string? input, [NotNullWhen(true)] out PhoneNumber? phone)
    {
        var nationalSignificant = ExtractNationalSignificant(input);
        phone = nationalSignificant is not null && IsIranianMobile(nationalSignificant)
            ? new PhoneNumber("+" + CountryCode + nationalSignificant)
            : null;
        return phone is not null;
    }

    public static PhoneNumber Parse(string? input) =>
        TryParse(input, out var phone) ? phone : throw new InvalidPhoneNumberException();

    /// <summary>
    /// A number already in canonical form, as the database stores it: checked for shape only (+989 and nine more
    /// digits). The full check of the mobile ranges ran when the number was first accepted; libphonenumber's region
    /// rules need not run again for every row read.
    /// </summary>
    public static PhoneNumber FromE164(string e164)
    {
        ArgumentNullException.ThrowIfNull(e164);
        var shaped = e164.Length == 1 + CountryCode.Length + NationalSignificantLength
            && e164.StartsWith("+" + CountryCode + "9", StringComparison.Ordinal)
            && !e164.AsSpan(1).ContainsAnyExceptInRange('0', '9');
        return shaped ? new PhoneNumber(e164) : throw new InvalidPhoneNumberException();
    }

    /// <summary>Masked for logs: +98912****789.</summary>
    public override string ToString() => $"{E164[..6]}****{E164[^3..]}";

    // Accepts +989…, 00989…, 989… and 09…; a bare 9… is refused on purpose (the Django service refused it).
    private static string? ExtractNationalSignificant(string? input)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > MaxInputLength)
            return null;

        var text = Digits.ToAscii(input).Trim(); // other digit sets folded, invisible marks dropped
        var hasPlus = text.StartsWith('+');
        var digits = CollectDigits(hasPlus ? text.AsSpan(1) : text.AsSpan());
        if (digits is null)
            return null;

        string? rest = hasPlus
            ? StripPrefix(digits, CountryCode)
            : StripPrefix(digits, "00" + CountryCode) ?? StripPrefix(digits, CountryCode) ?? StripPrefix(digits, "0");
        return rest is { Length: NationalSignificantLength } && rest[0] == '9' ? rest : null;
    }

    private static string? StripPrefix(string digits, string prefix) =>
        digits.StartsWith(prefix, StringComparison.Ordinal) && digits.Length == prefix.Length + NationalSignificantLength
            ? digits[prefix.Length..]
            : null;

    private static string? CollectDigits(ReadOnlySpan<char> value)
    {
        Span<char> buffer = stackalloc char[MaxInputLength];
        var count = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
                buffer[count++] = c;
            else if (!IsSeparator(c))
                return null;
        }

        return count == 0 ? null : new string(buffer[..count]);
    }

    // Plain, no-break and narrow no-break spaces, dashes, dots and parentheses, as people group digits.
    private static bool IsSeparator(char c) => c is ' ' or '\u00A0' or '\u202F' or '-' or '.' or '(' or ')';

    private static bool IsIranianMobile(string nationalSignificant)
    {
        // The digits are already well formed, so the library's parse cannot throw here.
        var number = Library.Parse("+" + CountryCode + nationalSignificant, "IR");
        return Library.IsValidNumberForRegion(number, "IR")
            && Library.GetNumberType(number) == PhoneNumberType.MOBILE;
    }
}
