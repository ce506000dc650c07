using Pilito.Application.Otp.VerifyOtp;

namespace Pilito.Application.Tests.Otp;

public sealed class VerifyOtpValidatorTests
{
    private const string ValidPhone = "09123456789";
    private readonly VerifyOtpValidator _validator = new();

    [TestCase(null, "This field is required.")]
    [TestCase("", "This field may not be blank.")]
    [TestCase("02112345678", "Please provide a valid Iranian phone number")]
    public void Refuses_a_phone_number_with_its_field_message(string? phone, string message)
    {
        var result = _validator.Validate(new VerifyOtpCommand(phone, "123456"));

        Assert.That(result.Errors.Select(e => (e.PropertyName, e.ErrorMessage)), Is.EqualTo(new[] { ("PhoneNumber", message) }));
    }

    [TestCase(null, "This field is required.")]
    [TestCase("", "This field may not be blank.")]
    [TestCase("  ", "This field may not be blank.")]
    public void Refuses_a_missing_code_with_its_field_message(string? code, string message)
    {
        var result = _validator.Validate(new VerifyOtpCommand(ValidPhone, code));

        Assert.That(result.Errors.Select(e => (e.PropertyName, e.ErrorMessage)), Is.EqualTo(new[] { ("Code", message) }));
    }

    [Test]
    public void Reports_a_missing_phone_and_a_missing_code_together()
    {
        var result = _validator.Validate(new VerifyOtpCommand(null, null));

        Assert.That(
            result.Errors.Select(e => (e.PropertyName, e.ErrorMessage)),
            Is.EquivalentTo(new[] { ("PhoneNumber", "This field is required."), ("Code", "This field is required.") }));
    }

    [TestCase("123456")]
    [TestCase("۱۲۳۴۵۶")]
    public void Accepts_a_valid_phone_and_code(string code)
    {
        var result = _validator.Validate(new VerifyOtpCommand(ValidPhone, code));

        Assert.That(result.Errors, Is.Empty);
    }
}
