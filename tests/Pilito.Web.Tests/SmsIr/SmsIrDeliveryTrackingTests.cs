using System.Globalization;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Pilito.Application.Admin.CreateStaffAccount;
using Pilito.Application.Otp.TrackDeliveries;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.SmsIr;

/// <summary>
/// Delivery follow-up of codes sms.ir sent: its GET send/{messageId} asked once per message (it has no batch report),
/// each deliveryState recorded as the provider-neutral outcome, alongside Kavenegar's codes in the same run.
/// </summary>
[TestFixtureSource(typeof(TestProviders), nameof(TestProviders.Both))]
public sealed class SmsIrDeliveryTrackingTests(TestProvider provider) : SmsIrFixture(provider)
{
    protected override PilitoApp CreateApp(KavenegarStandIn kavenegar) => NewApp(kavenegar.BaseUrl, Providers("Kavenegar", "SmsIr"));

    [TestCase(1, "Delivered")]
    [TestCase(2, "Failed")]
    [TestCase(4, "Failed")]
    [TestCase(6, "Failed")]
    [TestCase(7, "Failed")]
    [TestCase(3, "Pending")]
    [TestCase(5, "Pending")]
    [TestCase(8, "Unknown")]
    public async Task Each_delivery_state_is_recorded_with_its_outcome(int state, string outcome)
    {
        var phone = await SentBySmsIrAsync();
        SmsIr.SetDeliveryState(SmsIr.MessagesTo(phone).Single(), state);

        await TrackAsync();

        var row = await Database.ReadNewestTokenAsync(App, Phones.ToE164(phone));
        Assert.That(Convert.ToInt64(row["DeliveryStatus"], CultureInfo.InvariantCulture), Is.EqualTo(state));
        Assert.That(row["DeliveryOutcome"], Is.EqualTo(outcome));
        Assert.That(SmsIr.Calls.Count(c => c.Path == $"send/{SmsIr.MessagesTo(phone).Single()}"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_message_without_a_report_yet_stays_unsettled_and_is_no_failure()
    {
        var phone = await SentBySmsIrAsync();
        SmsIr.SetDeliveryState(SmsIr.MessagesTo(phone).Single(), null);

        await TrackAsync();

        var row = await Database.ReadNewestTokenAsync(App, Phones.ToE164(phone));
        Assert.That(row["DeliveryOutcome"], Is.Null);
        Assert.That(row["DeliveryStatus"], Is.Null);
    }

    [Test]
    public async Task Staff_check_an_sms_ir_code_s_delivery_from_the_token_page()
    {
        var phone = await SentBySmsIrAsync();
        SmsIr.SetDeliveryState(SmsIr.MessagesTo(phone).Single(), 2);
        var id = (long)(await Database.ReadNewestTokenAsync(App, Phones.ToE164(phone)))["Id"]!;
        using var admin = await Staff.SignedInClientAsync(App, await Staff.CreateAsync(App, StaffRoles.Admin));

        var path = Pilito.Web.Admin.AdminPaths.OtpToken(id);
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = await Staff.AntiforgeryTokenAsync(admin, path) };
        using var posted = await admin.PostAsync(new Uri(path + "?handler=CheckDelivery", UriKind.Relative), new FormUrlEncodedContent(form));
        var page = await admin.GetStringAsync(posted.Headers.Location);

        Assert.That(posted.Headers.Location!.ToString(), Is.EqualTo(path + "?done=delivery-checked"));
        Assert.That(page, Does.Contain("Not delivered to the handset"));
        Assert.That(page, Does.Contain("sms.ir was asked"));
        Assert.That((await Database.ReadNewestTokenAsync(App, Phones.ToE164(phone)))["DeliveryOutcome"], Is.EqualTo("Failed"));
    }

    /// <summary>A code Kavenegar refused (no credit) and sms.ir sent: its token names sms.ir and its message id.</summary>
    private async Task<string> SentBySmsIrAsync()
    {
        var phone = Phones.NextNational();
        Kavenegar.SetReceptor(phone, new StandInBehaviour.Status(418));
        using var response = await Client.RequestOtpAsync(phone);
        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK));
        return phone;
    }

    private async Task TrackAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(new TrackDeliveriesCommand());
    }
}
