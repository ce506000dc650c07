namespace Pilito.Application.Common;

/// <summary>Field messages, word for word as the Django service returned them: clients match on these.</summary>
public static class ValidationMessages
{
    public const string Required = "This field is required.";
    public const string Blank = "This field may not be blank.";
    public const string NotAString = "Not a valid string.";
    public const string NotABoolean = "Must be a valid boolean.";
    public const string InvalidPhone = "Please provide a valid Iranian phone number";
    public const string InvalidOtp = "Invalid or expired OTP code.";
    public const string OtpLocked = "Too many failed attempts. Please request a new code.";

    /// <summary>DRF's ChoiceField text: <c>"fax" is not a valid choice.</c></summary>
    public static string InvalidChoice(string? input) => $"\"{input}\" is not a valid choice.";

    /// <summary>DRF's CharField max_length text: <c>Ensure this field has no more than 35 characters.</c></summary>
    public static string MaxLength(int limit) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Ensure this field has no more than {limit} characters.");
}
