using Pilito.Application.Otp.RequestOtp;

namespace Pilito.Application.Tests.Otp;

public sealed class RequestOtpValidatorTests
{
    private readonly RequestOtpValidator _validator = new();

    [TestCase(null, "This field is required.")]
    [TestCase("", "This field may not be blank.")]
    [TestCase("   ", "This field may not be blank.")]
    [TestCase("02112345678", "Please provide a valid Iranian phone number")]
    [TestCase("9123456789", "Please provide a valid Iranian phone number")]
    [TestCase("0912345678", "Please provide a valid Iranian phone number")]
    [TestCase("+14155552671", "Please provide a valid Iranian phone number")]
    [TestCase("0912abc6789", "Please provide a valid Iranian phone number")]
    public void Refuses_a_phone_number_with_its_field_message(string? phone, string message)
    {
        var result = _validator.Validate(new RequestOtpCommand(phone, null));

        Assert.That(result.Errors.Select(e => (e.PropertyName, e.ErrorMessage)), Is.EqualTo(new[] { ("PhoneNumber", message) }));
    }

    [TestCase("09123456789")]
    [TestCase("+989123456789")]
    [TestCase("989123456789")]
    [TestCase("00989123456789")]
    [TestCase("0912 345 6789")]
    [TestCase("۰۹۱۲۳۴۵۶۷۸۹")]
    public void Accepts_an_iranian_mobile_number_in_any_accepted_format(string phone)
    {
        var result = _validator.Validate(new RequestOtpCommand(phone, null));

        Assert.That(result.Errors, Is.Empty);
    }

    [TestCase(null)]
    [TestCase("sms")]
    [TestCase("call")]
    public void Accepts_no_channel_or_a_known_one(string? channel)
    {
        var result = _validator.Validate(new RequestOtpCommand("09123456789", null, Channel: channel));

        Assert.That(result.Errors, Is.Empty);
    }

    [TestCase("fax", "\"fax\" is not a valid choice.")]
    [TestCase("SMS", "\"SMS\" is not a valid choice.")]
    [TestCase(" call", "\" call\" is not a valid choice.")]
    [TestCase("", "\"\" is not a valid choice.")]
    [TestCase("{PropertyName}", "\"{PropertyName}\" is not a valid choice.")]
    public void Refuses_any_other_channel_with_Django_s_choice_message(string channel, string message)
    {
        var result = _validator.Validate(new RequestOtpCommand("09123456789", null, Channel: channel));

        Assert.That(result.Errors.Select(e => (e.PropertyName, e.ErrorMessage)), Is.EqualTo(new[] { ("Channel", message) }));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("klingon")]
    [TestCase("zh-Hant-TW-x-private-12345678901234")] // 35 characters: still a tag
    public void Any_language_up_to_35_characters_is_taken(string? language) =>
        Assert.That(_validator.Validate(new RequestOtpCommand("09123456789", null, Language: language)).IsValid, Is.True);

    [Test]
    public void A_language_over_35_characters_is_refused_with_drf_s_length_message()
    {
        var result = _validator.Validate(new RequestOtpCommand("09123456789", null, Language: new string('a', 36)));

        Assert.That(result.Errors.Select(e => (e.PropertyName, e.ErrorMessage)),
            Is.EqualTo(new[] { ("Language", "Ensure this field has no more than 35 characters.") }));
    }
}
