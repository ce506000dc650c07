using Pilito.Application.Common.Errors;
using Pilito.Domain.Otp;

namespace Pilito.Application.Tests.Otp;

/// <summary>Voice codes (issue #17): the channel reaches the provider and the token, and changes no limit.</summary>
public sealed class RequestOtpChannelTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private RequestOtpHarness _h = null!;

    [SetUp]
    public void SetUp() => _h = new RequestOtpHarness(Start);

    [Test]
    public async Task No_channel_is_an_sms_and_the_token_says_so()
    {
        await _h.RequestAsync();

        Assert.That(_h.Sent.Single().Channel, Is.EqualTo(OtpChannel.Sms));
        Assert.That(_h.Store.Tokens.Single().Channel, Is.EqualTo(OtpChannel.Sms));
    }

    [TestCase("sms", OtpChannel.Sms)]
    [TestCase("call", OtpChannel.Call)]
    public async Task The_named_channel_is_asked_of_the_provider_and_kept_on_the_token(string name, OtpChannel channel)
    {
        await _h.RequestAsync(channel: name);

        Assert.That(_h.Sent.Single().Channel, Is.EqualTo(channel));
        Assert.That(_h.Store.Tokens.Single().Channel, Is.EqualTo(channel));
    }

    [Test]
    public async Task A_call_after_the_window_s_codes_by_sms_is_refused_like_an_sms_and_nothing_is_sent()
    {
        for (var i = 0; i < _h.Options.MaxSendsPerWindow; i++)
            _h.SeedSentCode(Start - TimeSpan.FromSeconds(10 - i));

        await Assert.ThrowsAsync<OtpRateLimitedException>(() => _h.RequestAsync(channel: "call"));

        Assert.That(_h.Sent, Is.Empty);
    }

    [Test]
    public async Task A_call_counts_toward_the_window_of_later_sms()
    {
        await _h.RequestAsync(channel: "call");
        await _h.RequestAsync(channel: "call");
        await _h.RequestAsync();

        await Assert.ThrowsAsync<OtpRateLimitedException>(() => _h.RequestAsync());

        Assert.That(_h.Sent.Select(s => s.Channel), Is.EqualTo(new[] { OtpChannel.Call, OtpChannel.Call, OtpChannel.Sms }));
    }

    [Test]
    public async Task A_call_supersedes_the_phone_s_earlier_sms_code()
    {
        var earlier = _h.SeedSentCode(Start - TimeSpan.FromSeconds(30));

        await _h.RequestAsync(channel: "call");

        Assert.That(_h.Store.Token(earlier).Status, Is.EqualTo(OtpStatus.Superseded));
    }
}
