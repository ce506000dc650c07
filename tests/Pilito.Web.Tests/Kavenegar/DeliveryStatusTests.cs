using System.Globalization;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Pilito.Application.Common.Errors;
using Pilito.Application.Otp.CheckDeliveryStatus;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Kavenegar;

/// <summary>Asking Kavenegar (sms/status) what became of a code's SMS, and recording the answer on the token.</summary>
public sealed class DeliveryStatusTests
{
    private KavenegarStandIn _kavenegar = null!;
    private PilitoApp _app = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _kavenegar = await KavenegarStandIn.StartAsync();
        _app = new PilitoApp(_kavenegar.BaseUrl);
        _client = _app.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _kavenegar.DisposeAsync();
    }

    [Test]
    public async Task Delivered_message_is_recorded_as_10_Delivered()
    {
        var sent = await SendCodeAsync(_client, _app);
        var before = DateTimeOffset.UtcNow;

        var result = await CheckAsync(_app, sent.TokenId);

        var after = DateTimeOffset.UtcNow;
        var row = await Database.ReadNewestTokenAsync(_app, Phones.ToE164(sent.Phone));
        Assert.That(row["DeliveryStatus"], Is.EqualTo(10L));
        Assert.That(row["DeliveryStatusText"], Is.EqualTo("Delivered"));
        Assert.That((long)row["DeliveryCheckedAt"]!, Is.InRange(before.UtcTicks, after.UtcTicks), "stored as UTC ticks");
        Assert.That(result.Status, Is.EqualTo(10));
        Assert.That(result.StatusText, Is.EqualTo("Delivered"));
        Assert.That(_kavenegar.CallsWith(KavenegarStandIn.ValidKey, "sms/status")[^1]["messageid"], Is.EqualTo(sent.MessageId));
    }

    [Test]
    public async Task Undelivered_message_is_recorded_as_11()
    {
        var sent = await SendCodeAsync(_client, _app);
        _kavenegar.SetDeliveryStatus(long.Parse(sent.MessageId!, CultureInfo.InvariantCulture), 11);

        await CheckAsync(_app, sent.TokenId);

        var row = await Database.ReadNewestTokenAsync(_app, Phones.ToE164(sent.Phone));
        Assert.That(row["DeliveryStatus"], Is.EqualTo(11L));
        Assert.That(row["DeliveryStatusText"], Is.EqualTo("Not delivered (handset off or unreachable)"));
        Assert.That(row["DeliveryCheckedAt"], Is.Not.Null);
    }

    [Test]
    public async Task Message_id_Kavenegar_does_not_know_is_recorded_as_100()
    {
        // The code went out through one Kavenegar account; the instance that asks uses another, which never sent it.
        var sent = await SendCodeAsync(_client, _app);
        const string otherAccount = "another-account-key-0123";
        _kavenegar.AddAccount(otherAccount, credit: 1_000_000);
        await using var other = new PilitoApp(_kavenegar.BaseUrl,
            new Dictionary<string, string?> { ["Kavenegar:ApiKey"] = otherAccount }, databasePath: _app.DatabasePath);

        await CheckAsync(other, sent.TokenId);

        var row = await Database.ReadNewestTokenAsync(_app, Phones.ToE164(sent.Phone));
        Assert.That(row["DeliveryStatus"], Is.EqualTo(100L));
        Assert.That(row["DeliveryStatusText"], Is.EqualTo("Invalid message id (unknown, another account's, or older than about 48 hours)"));
        Assert.That(row["DeliveryCheckedAt"], Is.Not.Null);
    }

    [Test]
    public async Task Delivery_check_does_not_change_the_code_itself()
    {
        var sent = await SendCodeAsync(_client, _app);

        await CheckAsync(_app, sent.TokenId);

        var row = await Database.ReadNewestTokenAsync(_app, Phones.ToE164(sent.Phone));
        Assert.That(row["Status"], Is.EqualTo("Sent"));
        using var verify = await _client.VerifyOtpAsync(sent.Phone, sent.Code);
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
        await Assert.ThrowsAsync<OtpTokenNotFoundException>(async () => await CheckAsync(_app, 987_654_321));
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
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CheckDeliveryStatusCommand(tokenId));
    }

    private sealed record SentCode(string Phone, string Code, long TokenId, string? MessageId);
}
