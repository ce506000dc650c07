using System.Globalization;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Pilito.Application.Common.Errors;
using Pilito.Application.Otp.CheckDeliveryStatus;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Kavenegar;

/// <summary>Asking Kavenegar (sms/status) what became of a code's SMS, and recording the answer on the token.</summary>
public sealed class DeliveryStatusTests : StandInFixture
{
    [Test]
    public async Task Delivered_message_is_recorded_as_10_Delivered()
    {
        var sent = await SendCodeAsync(Client, App);
        var before = DateTimeOffset.UtcNow;

        var result = await CheckAsync(App, sent.TokenId);

        var after = DateTimeOffset.UtcNow;
        var row = await Database.ReadNewestTokenAsync(App, Phones.ToE164(sent.Phone));
        Assert.That(row["DeliveryStatus"], Is.EqualTo(10L));
        Assert.That(row["DeliveryStatusText"], Is.EqualTo("Delivered"));
        Assert.That((long)row["DeliveryCheckedAt"]!, Is.InRange(before.UtcTicks, after.UtcTicks), "stored as UTC ticks");
        Assert.That(result.Status, Is.EqualTo(10));
        Assert.That(result.StatusText, Is.EqualTo("Delivered"));
        Assert.That(Kavenegar.CallsWith(KavenegarStandIn.ValidKey, "sms/status")[^1]["messageid"], Is.EqualTo(sent.MessageId));
    }

    [Test]
    public async Task Undelivered_message_is_recorded_as_11()
    {
        var sent = await SendCodeAsync(Client, App);
        Kavenegar.SetDeliveryStatus(long.Parse(sent.MessageId!, CultureInfo.InvariantCulture), 11);

        await CheckAsync(App, sent.TokenId);

        var row = await Database.ReadNewestTokenAsync(App, Phones.ToE164(sent.Phone));
        Assert.That(row["DeliveryStatus"], Is.EqualTo(11L));
        Assert.That(row["DeliveryStatusText"], Is.EqualTo("Not delivered (handset off or unreachable)"));
        Assert.That(row["DeliveryCheckedAt"], Is.Not.Null);
    }

    [Test]
    public async Task Message_id_Kavenegar_does_not_know_is_recorded_as_100()
    {
        // The code went out through one Kavenegar account; the instance that asks uses another, which never sent it.
        var sent = await SendCodeAsync(Client, App);
        const string otherAccount = "another-account-key-0123";
        Kavenegar.AddAccount(otherAccount, credit: 1_000_000);
        await using var other = new PilitoApp(Kavenegar.BaseUrl,
            new Dictionary<string, string?> { ["Kavenegar:ApiKey"] = otherAccount }, databasePath: App.DatabasePath);

        await CheckAsync(other, sent.TokenId);

        var row = await Database.ReadNewestTokenAsync(App, Phones.ToE164(sent.Phone));
        Assert.That(row["DeliveryStatus"], Is.EqualTo(100L));
        Assert.That(row["DeliveryStatusText"], Is.EqualTo("Invalid message id (unknown, another account's, or older than about 48 hours)"));
        Assert.That(row["DeliveryCheckedAt"], Is.Not.Null);
    }

    [Test]
    public async Task Delivery_check_does_not_change_the_code_itself()
    {
        var sent = await SendCodeAsync(Client, App);

        await CheckAsync(App, sent.TokenId);

        var row = await Database.ReadNewestTokenAsync(App, Phones.ToE164(sent.Phone));
        Assert.That(row["Status"], Is.EqualTo("Sent"));
        using var verify = await Client.VerifyOtpAsync(sent.Phone, sent.Code);
        Assert.That(verify.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK));
    }

    [Test]
    public async Task Code_sent_with_the_Log_provider_cannot_be_tracked()
    {
        await using var app = new PilitoApp(null);
        using var client = app.CreateClient();
        var sent = await SendCodeAsync(client, app);

        await Assert.ThrowsAsync<DeliveryNotTrackableException>(async () => await CheckAsync(app, sent.TokenId));
        var row = await Database.ReadNewestTokenAsync(app, Phones.ToE164(sent.Phone));
        Assert.That(row["DeliveryProvider"], Is.EqualTo("Log"));
        Assert.That(row["DeliveryStatus"], Is.Null);
    }

    [Test]
    public async Task Unknown_token_id_is_not_found()
    {
        await Assert.ThrowsAsync<OtpTokenNotFoundException>(async () => await CheckAsync(App, 987_654_321));
    }

    private static async Task<SentCode> SendCodeAsync(HttpClient client, PilitoApp app)
    {
        var phone = Phones.NextNational();
        var code = await client.RequestCodeAsync(phone);
        var row = await Database.ReadNewestTokenAsync(app, Phones.ToE164(phone));
        return new SentCode(phone, code, (long)row["Id"]!, (string?)row["ProviderMessageId"]);
    }

    private static async Task<DeliveryStatusResult> CheckAsync(PilitoApp app, long tokenId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CheckDeliveryStatusCommand(tokenId, Staff.Operator));
    }

    private sealed record SentCode(string Phone, string Code, long TokenId, string? MessageId);
}
