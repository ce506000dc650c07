using PhoneNumbers;

namespace Pilito.Domain.Phones;

/// <summary>
/// The mobile operator a number's range was given to (IR-MCI, Irancell, Rightel …, as libphonenumber names them), from libphonenumber's carrier data.
/// A number moved to another operator keeps its range's name: the data knows ranges, not ports.
/// </summary>
public static class MobileOperators
{
    /// <summary>A range the carrier data names no operator for.</summary>
    public const string Unknown = "Unknown";

    private static readonly PhoneNumberToCarrierMapper Carriers = PhoneNumberToCarrierMapper.GetInstance();

    public static string Of(PhoneNumber phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        // Built from the canonical digits: the number was validated when it was parsed, so the region rules need not run again.
        var number = new PhoneNumbers.PhoneNumber.Builder()
            .SetCountryCode(int.Parse(phone.E164[1..3], System.Globalization.CultureInfo.InvariantCulture))
            .SetNationalNumber(ulong.Parse(phone.E164[3..], System.Globalization.CultureInfo.InvariantCulture))
            .Build();
        var name = Carriers.GetNameForValidNumber(number, Locale.English);
        return string.IsNullOrEmpty(name) ? Unknown : name;
    }
}
