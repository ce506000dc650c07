using FluentValidation;
using FluentValidation.Results;
using Pilito.Application.Common;
using Pilito.Domain.Otp;

namespace Pilito.Application.Otp.RequestOtp;

/// <summary>The API's names of the delivery channels (<c>"channel"</c> in a code request).</summary>
public static class DeliveryChannels
{
    public const string Sms = "sms";
    public const string Call = "call";

    /// <summary>The channel a request names: none (absent or null) is SMS, as before channels existed.</summary>
    public static bool TryParse(string? name, out OtpChannel channel)
    {
        // Exact names only, as Django's ChoiceField: "SMS" or " call" are not choices.
        (var known, channel) = name switch
        {
            null or Sms => (true, OtpChannel.Sms),
            Call => (true, OtpChannel.Call),
            _ => (false, OtpChannel.Sms),
        };
        return known;
    }

    public static OtpChannel Parse(string? name) =>
        TryParse(name, out var channel) ? channel : throw new ArgumentOutOfRangeException(nameof(name), "Not a delivery channel.");

    /// <summary>
    /// A channel no configured provider delivers on (a call when only sms.ir is set up): refused as a field error, as
    /// an unknown channel is, before anything is stored or counted.
    /// </summary>
    public static ValidationException Unavailable(string? name) =>
        new([new ValidationFailure("Channel", ValidationMessages.InvalidChoice(name))]);
}
