using System.Net;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Kavenegar;

/// <summary>A failing Kavenegar is left alone for a while: requests fail fast instead of queueing on a dead provider.</summary>
public sealed class CircuitBreakerTests : StandInFixture
{
    [Test]
    public async Task After_most_of_twenty_sends_fail_the_next_fails_fast_without_calling_Kavenegar()
    {
        for (var i = 0; i < 20; i++)
        {
            var failing = Phones.NextNational();
            Kavenegar.SetReceptor(failing, new StandInBehaviour.Html500());
            using var failed = await Client.RequestOtpAsync(failing);
            Assert.That(failed.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        }

        var phone = Phones.NextNational();
        using var response = await Client.RequestOtpAsync(phone);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(),
            Is.EqualTo("Failed to send OTP: Kavenegar is failing; calls are paused for a moment"));
        Assert.That(Kavenegar.SendsTo(phone), Is.Empty, "the open circuit never reached Kavenegar");
        var row = await Database.ReadNewestTokenAsync(App, Phones.ToE164(phone));
        Assert.That(row["Status"], Is.EqualTo("SendFailed"));
    }
}
