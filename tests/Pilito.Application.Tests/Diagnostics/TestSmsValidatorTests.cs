using Moq;
using Pilito.Application.Common.Ports;
using Pilito.Application.Diagnostics.TestSms;

namespace Pilito.Application.Tests.Diagnostics;

public sealed class TestSmsValidatorTests
{
    private const string ValidPhone = "09123456789";
    private readonly TestSmsValidator _validator = new([Diagnostics("Kavenegar"), Diagnostics("SmsIr")]);

    [TestCase(null, "This field is required.")]
    [TestCase("", "This field may not be blank.")]
    [TestCase("02112345678", "Please provide a valid Iranian phone number")]
    [TestCase("not-a-phone", "Please provide a valid Iranian phone number")]
    public void Refuses_a_receptor_with_its_message(string? receptor, string message)
    {
        var result = _validator.Validate(new TestSmsCommand(receptor, null, null));

        Assert.That(result.Errors.Select(e => (e.PropertyName, e.ErrorMessage)), Is.EqualTo(new[] { ("Receptor", message) }));
    }

    [TestCase("fax")]
    [TestCase("1")]
    [TestCase("")]
    public void Refuses_a_method_that_is_not_send_lookup_or_both(string method)
    {
        var result = _validator.Validate(new TestSmsCommand(ValidPhone, method, null));

        Assert.That(result.Errors.Select(e => (e.PropertyName, e.ErrorMessage)),
            Is.EqualTo(new[] { ("Method", "Method must be send, lookup or both.") }));
    }

    [Test]
    public void Refuses_a_message_longer_than_Kavenegar_takes()
    {
        var result = _validator.Validate(new TestSmsCommand(ValidPhone, "send", new string('x', 901)));

        Assert.That(result.Errors.Select(e => (e.PropertyName, e.ErrorMessage)),
            Is.EqualTo(new[] { ("Message", "Kavenegar takes at most 900 characters.") }));
    }

    [TestCase(null, null)]
    [TestCase("send", "Pilito test")]
    [TestCase("lookup", null)]
    [TestCase("both", null)]
    public void Accepts_a_valid_test(string? method, string? message)
    {
        var result = _validator.Validate(new TestSmsCommand(ValidPhone, method, message));

        Assert.That(result.Errors, Is.Empty);
    }

    [Test]
    public void Accepts_a_message_of_exactly_900_characters()
    {
        var result = _validator.Validate(new TestSmsCommand(ValidPhone, "send", new string('x', 900)));

        Assert.That(result.Errors, Is.Empty);
    }

    [TestCase("Pigeon")]
    [TestCase("")]
    [TestCase("Log")]
    public void Refuses_a_provider_that_cannot_be_tested(string provider)
    {
        var result = _validator.Validate(new TestSmsCommand(ValidPhone, null, null, Provider: provider));

        Assert.That(result.Errors.Select(e => (e.PropertyName, e.ErrorMessage)),
            Is.EqualTo(new[] { ("Provider", "Provider must be Kavenegar or SmsIr.") }));
    }

    [TestCase("SmsIr")]
    [TestCase("kavenegar")]
    public void Accepts_a_provider_by_its_name(string provider)
    {
        Assert.That(_validator.Validate(new TestSmsCommand(ValidPhone, null, null, Provider: provider)).Errors, Is.Empty);
    }

    private static ISmsDiagnostics Diagnostics(string provider)
    {
        var diagnostics = new Mock<ISmsDiagnostics>(MockBehavior.Strict);
        diagnostics.SetupGet(d => d.Provider).Returns(provider);
        return diagnostics.Object;
    }
}
