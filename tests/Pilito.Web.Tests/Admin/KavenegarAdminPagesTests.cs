using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pilito.Application.Admin.CreateStaffAccount;
using Pilito.Application.Common.Ports;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Admin;

/// <summary>The admin pages that talk to Kavenegar: delivery status, credit, diagnostics and the test SMS.</summary>
public sealed class KavenegarAdminPagesTests : StandInFixture
{
    private const long NormalCredit = 1_000_000;
    private HttpClient _admin = null!;

    [OneTimeSetUp]
    public async Task SignInAnAdminAsync() => _admin = await Staff.SignedInClientAsync(App, await Staff.CreateAsync(App, StaffRoles.Admin));

    [OneTimeTearDown]
    public void DisposeAdminClient() => _admin?.Dispose();

    [Test]
    public async Task Checking_delivery_records_10_Delivered_and_shows_it()
    {
        var (phone, id) = await SendCodeAsync();
        var path = TokenPath(id);

        using var posted = await PostFormAsync(_admin, path, "CheckDelivery");

        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(posted.Headers.Location!.ToString(), Is.EqualTo(path + "?done=delivery-checked"));
        var row = await Database.ReadNewestTokenAsync(App, Phones.ToE164(phone));
        Assert.That(row["DeliveryStatus"], Is.EqualTo(10L));
        var html = await _admin.GetStringAsync(posted.Headers.Location);
        Assert.That(html, Does.Contain("data-delivery-status=\"10\""));
        Assert.That(html, Does.Contain("Delivered"));
        Assert.That(html, Does.Contain("Kavenegar was asked"));
        Assert.That(Kavenegar.CallsWith(KavenegarStandIn.ValidKey, "sms/status")[^1]["messageid"], Is.EqualTo(row["ProviderMessageId"]));
    }

    [Test]
    public async Task Token_page_shows_how_many_wrong_codes_came_without_the_verification_id()
    {
        var phone = Phones.NextNational();
        var (code, verificationId) = await Client.RequestVerificationAsync(phone);
        var wrong = code == "000000" ? "111111" : "000000";
        for (var i = 0; i < 2; i++)
        {
            using (await Client.VerifyOtpAsync(phone, wrong)) { }
        }

        using (await Client.VerifyOtpAsync(phone, wrong, verificationId)) { }
        var id = (long)(await Database.ReadNewestTokenAsync(App, Phones.ToE164(phone)))["Id"]!;

        var html = await _admin.GetStringAsync(new Uri(TokenPath(id), UriKind.Relative));

        Assert.That(html, Does.Contain("<th scope=\"row\">Attempts</th><td>3</td>"));
        Assert.That(html, Does.Contain("<th scope=\"row\">Of them without the verification id</th><td>2</td>"));
        Assert.That(html, Does.Contain("<th scope=\"row\">Verification id</th><td>Given with the code</td>"));
        Assert.That(html, Does.Not.Contain(verificationId), "the id itself stays with the app");
    }

    [Test]
    public async Task Token_page_shows_whether_the_code_went_by_sms_or_by_a_voice_call()
    {
        var (_, textedId) = await SendCodeAsync();
        var called = Phones.NextNational();
        using (await Client.PostRawAsync(ApiClient.RequestOtpPath, $$"""{"phone_number": "{{called}}", "channel": "call"}""")) { }
        var calledId = (long)(await Database.ReadNewestTokenAsync(App, Phones.ToE164(called)))["Id"]!;

        var texted = await _admin.GetStringAsync(new Uri(TokenPath(textedId), UriKind.Relative));
        var call = await _admin.GetStringAsync(new Uri(TokenPath(calledId), UriKind.Relative));

        Assert.That(texted, Does.Contain("<th scope=\"row\">Channel</th><td>SMS</td>"));
        Assert.That(call, Does.Contain("<th scope=\"row\">Channel</th><td>Voice call</td>"));
        Assert.That(Kavenegar.VoiceCallsTo(called), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Token_list_shows_the_checked_delivery_status()
    {
        var (phone, id) = await SendCodeAsync();
        using (await PostFormAsync(_admin, TokenPath(id), "CheckDelivery")) { }

        var html = await _admin.GetStringAsync(new Uri($"/admin/accounts/otptoken/?q={phone}", UriKind.Relative));

        Assert.That(html, Does.Contain("data-delivery-status=\"10\""));
    }

    [Test]
    public async Task Delivery_check_of_an_sms_kavenegar_refused_says_it_cannot_be_tracked()
    {
        var phone = Phones.NextNational();
        Kavenegar.SetReceptor(phone, new StandInBehaviour.Status(412));
        using (await Client.RequestOtpAsync(phone)) { } // 502: no message id
        var id = (long)(await Database.ReadNewestTokenAsync(App, Phones.ToE164(phone)))["Id"]!;
        var statusCalls = Kavenegar.CallsWith(KavenegarStandIn.ValidKey, "sms/status").Count;

        using var posted = await PostFormAsync(_admin, TokenPath(id), "CheckDelivery");

        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await posted.Content.ReadAsStringAsync(), Does.Contain(
            "This SMS cannot be tracked: Kavenegar gave no message id for it, or it was not sent through Kavenegar."));
        Assert.That(Kavenegar.CallsWith(KavenegarStandIn.ValidKey, "sms/status"), Has.Count.EqualTo(statusCalls));
    }

    [Test]
    public async Task Delivery_check_of_an_unknown_token_says_so_with_404()
    {
        var (_, id) = await SendCodeAsync();
        var token = await Staff.AntiforgeryTokenAsync(_admin, TokenPath(id));

        using var posted = await _admin.PostAsync(new Uri(TokenPath(987_654_321) + "?handler=CheckDelivery", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await posted.Content.ReadAsStringAsync(), Does.Contain("There is no such OTP token."));
    }

    [Test]
    public async Task Dashboard_shows_the_Kavenegar_credit_and_expiry()
    {
        await SetCreditAsync(987_654_321);

        var html = await _admin.GetStringAsync(new Uri("/admin/", UriKind.Relative));

        Assert.That(html, Does.Contain("987,654,321"));
        Assert.That(html, Does.Contain("2030-01-01 00:00:00 UTC"), "account/info's expiredate");
        Assert.That(html, Does.Contain("data-low=\"false\""));
    }

    [Test]
    public async Task Dashboard_highlights_credit_below_the_threshold()
    {
        await SetCreditAsync(50_000); // Kavenegar:LowCreditThreshold is 100,000

        var html = await _admin.GetStringAsync(new Uri("/admin/", UriKind.Relative));

        Assert.That(html, Does.Contain("data-low=\"true\""));
        Assert.That(html, Does.Contain("Low credit"));
        Assert.That(html, Does.Contain("100,000"));
    }

    [Test]
    public async Task Diagnostics_show_each_check_with_its_badge_and_only_the_masked_key()
    {
        var html = await _admin.GetStringAsync(new Uri("/admin/diagnostics/", UriKind.Relative));

        Assert.That(html, Does.Contain("test****6789"));
        Assert.That(html, Does.Not.Contain(KavenegarStandIn.ValidKey));
        Assert.That(html, Does.Contain("data-check-status=\"Ok\""));
        Assert.That(html, Does.Contain("OTP settings"));
        Assert.That(html, Does.Contain("Database"));
        Assert.That(html, Does.Not.Contain("Kavenegar reachable"), "offline: Kavenegar is not asked");
    }

    [Test]
    public async Task Check_Kavenegar_now_probes_the_account_and_still_masks_the_key()
    {
        await SetCreditAsync(NormalCredit);
        var calls = Kavenegar.CallsWith(KavenegarStandIn.ValidKey, "account/info").Count;

        using var posted = await PostFormAsync(_admin, "/admin/diagnostics/", "Check");

        var html = await posted.Content.ReadAsStringAsync();
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(html, Does.Contain("Kavenegar reachable"));
        Assert.That(html, Does.Contain("1,000,000"));
        Assert.That(html, Does.Not.Contain(KavenegarStandIn.ValidKey));
        Assert.That(Kavenegar.CallsWith(KavenegarStandIn.ValidKey, "account/info"), Has.Count.GreaterThan(calls));
    }

    [Test]
    public async Task Test_sms_reaches_Kavenegar_and_the_page_shows_its_message_id()
    {
        var phone = Phones.NextNational();

        using var posted = await PostFormAsync(_admin, "/admin/diagnostics/", "TestSms",
            new() { ["TestSms.Receptor"] = phone, ["TestSms.Method"] = "send", ["TestSms.Message"] = "Pilito admin test" });

        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var send = Kavenegar.SendsTo(phone).Single();
        Assert.That(send["message"], Is.EqualTo("Pilito admin test"));
        var messageId = Kavenegar.MessagesTo(phone).Single().MessageId.ToString(CultureInfo.InvariantCulture);
        var html = await posted.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain($"<td class=\"message-id\">{messageId}</td>"));
        Assert.That(html, Does.Contain("data-success=\"true\""));
        Assert.That(html, Does.Contain(KavenegarStandIn.CostPerSms.ToString(CultureInfo.InvariantCulture)));
    }

    [Test]
    public async Task Invalid_receptor_is_shown_next_to_its_field_and_nothing_is_sent()
    {
        var calls = Kavenegar.Calls.Count;

        using var posted = await PostFormAsync(_admin, "/admin/diagnostics/", "TestSms",
            new() { ["TestSms.Receptor"] = "02112345678", ["TestSms.Method"] = "send" });

        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var html = await posted.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("id=\"receptor-error\">Please provide a valid Iranian phone number</div>"));
        Assert.That(Kavenegar.Calls, Has.Count.EqualTo(calls));
    }

    [Test]
    public async Task Staff_without_the_Admin_role_see_the_checks_but_cannot_send_a_test_sms()
    {
        using var staff = await Staff.SignedInClientAsync(App); // role Staff
        var phone = Phones.NextNational();

        var page = await staff.GetStringAsync(new Uri("/admin/diagnostics/", UriKind.Relative));
        using var posted = await PostFormAsync(staff, "/admin/diagnostics/", "TestSms",
            new() { ["TestSms.Receptor"] = phone, ["TestSms.Method"] = "send" });

        Assert.That(page, Does.Contain("id=\"checks\""));
        Assert.That(page, Does.Contain("id=\"test-sms-admin-only\""));
        Assert.That(page, Does.Not.Contain("id=\"send-test-sms\""));
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(posted.Headers.Location!.AbsolutePath, Is.EqualTo("/admin/access-denied"));
        Assert.That(Kavenegar.SendsTo(phone), Is.Empty);
    }

    private static string TokenPath(long id) => $"/admin/accounts/otptoken/{id.ToString(CultureInfo.InvariantCulture)}/";

    private async Task<(string Phone, long Id)> SendCodeAsync()
    {
        var phone = Phones.NextNational();
        await Client.RequestCodeAsync(phone);
        return (phone, (long)(await Database.ReadNewestTokenAsync(App, Phones.ToE164(phone)))["Id"]!);
    }

    /// <summary>Posts a page's form as a browser would: with the anti-forgery token from that page.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string handler, Dictionary<string, string>? fields = null)
    {
        var form = fields ?? [];
        form["__RequestVerificationToken"] = await Staff.AntiforgeryTokenAsync(client, path);
        return await client.PostAsync(new Uri($"{path}?handler={handler}", UriKind.Relative), new FormUrlEncodedContent(form));
    }

    /// <summary>Gives the stand-in's account this credit and refreshes the app's cached figure (Kavenegar:CreditCacheDuration).</summary>
    private async Task SetCreditAsync(long credit)
    {
        Kavenegar.AddAccount(KavenegarStandIn.ValidKey, credit);
        await App.Services.GetRequiredService<ISmsProviderAccounts>().Listed[0].GetStatusAsync(fresh: true, CancellationToken.None);
    }
}
