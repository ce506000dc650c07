using System.ComponentModel.DataAnnotations;
using Pilito.Application.Common.Errors;
using Pilito.Application.Common.Options;
using Pilito.Application.Otp.RequestOtp;
using Pilito.Domain.Otp;

namespace Pilito.Application.Tests.Otp;

/// <summary>Otp:TestNumbers (issue #18): the fixed code is issued and stored, nothing is sent, the limits hold.</summary>
public sealed class RequestOtpTestNumberTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private RequestOtpHarness _h = null!;

    [SetUp]
    public void SetUp()
    {
        _h = new RequestOtpHarness(Start);
        _h.Options.TestNumbers["0912 345 6789"] = "246810";
    }

    [Test]
    public async Task A_test_number_gets_its_fixed_code_and_nothing_is_sent()
    {
        var result = await _h.RequestAsync();

        Assert.That(_h.Sent, Is.Empty, "the strict sender was never asked");
        var token = _h.Store.Tokens.Single();
        Assert.That(token.CodeHash, Is.EqualTo(RequestOtpHarness.FakeHash(RequestOtpHarness.Phone, "246810")));
        Assert.That(token.Status, Is.EqualTo(OtpStatus.Sent));
        Assert.That(token.DeliveryProvider, Is.EqualTo(RequestOtpHandler.TestNumberProvider));
        Assert.That(result.VerificationId, Is.Not.Null);
    }

    [Test]
    public async Task Other_numbers_are_sent_as_ever()
    {
        await _h.RequestAsync(typedPhone: RequestOtpHarness.OtherPhone.National);

        Assert.That(_h.Sent.Single().Phone, Is.EqualTo(RequestOtpHarness.OtherPhone));
    }

    [Test]
    public async Task A_test_number_is_limited_like_any_other()
    {
        for (var i = 0; i < _h.Options.MaxSendsPerWindow; i++)
            await _h.RequestAsync();

        await Assert.ThatAsync(() => _h.RequestAsync(), Throws.TypeOf<OtpRateLimitedException>());
    }

    [TestCase("02112345678", "246810", "is not a valid Iranian mobile number")]
    [TestCase("09120000001", "2468", "must be a code of Otp:CodeLength (6) digits")]
    [TestCase("09120000001", "24681O", "must be a code of Otp:CodeLength (6) digits")]
    public void A_wrong_test_number_or_code_is_refused_without_repeating_the_code(string number, string code, string message)
    {
        var options = new OtpOptions { TestNumbers = { [number] = code } };

        var errors = options.Validate(new ValidationContext(options)).Select(e => e.ErrorMessage).ToList();

        Assert.That(errors, Has.One.Contains(message).And.Contain($"Otp:TestNumbers:{number}"));
        Assert.That(errors, Has.None.Contains(code));
    }
}
