using System.Net;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Hardening;

/// <summary>An hourly cap on failed verifications per phone, answered alike whether or not the phone has a code.</summary>
public sealed class VerifyCapTests : StandInFixture
{
    private const string Capped = "Too many attempts for this phone number. Please try again later.";

    protected override PilitoApp CreateApp(KavenegarStandIn kavenegar) => new(null, new Dictionary<string, string?>
    {
        ["Otp:MaxVerifyFailuresPerPhonePerHour"] = "3",
        ["Otp:MaxVerifyAttempts"] = "10", // the per-code lock stays out of the way
    });

    [Test]
    public async Task Phone_with_a_code_is_capped_even_for_the_right_code()
    {
        var phone = Phones.NextNational();
        var code = await Client.RequestCodeAsync(phone);
        await FailThriceAsync(phone);

        using var response = await Client.VerifyOtpAsync(phone, code);

        await AssertCappedAsync(response);
    }

    [Test]
    public async Task Phone_without_any_code_is_capped_the_same_way()
    {
        var phone = Phones.NextNational();
        await FailThriceAsync(phone);

        using var response = await Client.VerifyOtpAsync(phone, "123456");

        await AssertCappedAsync(response);
    }

    private async Task FailThriceAsync(string phone)
    {
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await Client.VerifyOtpAsync(phone, "00000" + i);
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        }
    }

    private static async Task AssertCappedAsync(HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo((HttpStatusCode)429));
        Assert.That((await response.JsonAsync()).FieldError("code"), Is.EqualTo(Capped));
        // Failures are counted per whole minute: the hour frees up when the oldest failure's minute has left it.
        Assert.That(response.Headers.RetryAfter?.Delta, Is.InRange(TimeSpan.FromHours(1), TimeSpan.FromMinutes(61)));
    }
}
