using Pilito.Application.Common.Errors;
using Pilito.Application.Common.Ports;
using Pilito.Application.Common.Writes;
using Pilito.Application.Otp.RequestOtp;
using Pilito.Domain.Phones;
using static Pilito.Application.Tests.Otp.RequestOtpHarness;

namespace Pilito.Application.Tests.Otp;

/// <summary>A code for a phone change: the sign-in request's flow, with the account checked first and the purpose stored.</summary>
public sealed class RequestOtpPhoneChangeTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly PhoneNumber CurrentPhone = PhoneNumber.Parse("09121110000");

    private RequestOtpHarness _h = null!;

    [SetUp]
    public void SetUp() => _h = new RequestOtpHarness(Start);

    [Test]
    public async Task The_token_records_the_account_it_moves_and_the_code_goes_to_the_new_number()
    {
        var account = _h.Store.SeedAccount(CurrentPhone, Start.AddDays(-1));
        _h.ProviderAnswers(Accepted());

        await RequestAsync(account.Id);

        var stored = _h.Store.Tokens.Single();
        Assert.That(stored.PhoneChangeAccountId, Is.EqualTo(account.Id));
        Assert.That(stored.Phone, Is.EqualTo(Phone));
        Assert.That(_h.Sent.Single().Phone, Is.EqualTo(Phone));
    }

    [Test]
    public async Task The_accounts_own_number_is_refused_before_any_limit_counts_it_and_nothing_is_sent()
    {
        var account = _h.Store.SeedAccount(Phone, Start.AddDays(-1)); // Sms is strict: a send would throw

        await Assert.ThatAsync(() => RequestAsync(account.Id), Throws.TypeOf<SamePhoneNumberException>());

        Assert.That(_h.Store.Tokens, Is.Empty);
        Assert.That(_h.Store.TotalCount(CountScope.Service), Is.Zero);
    }

    [Test]
    public async Task A_locked_account_gets_no_code()
    {
        var account = _h.Store.SeedAccount(CurrentPhone, Start.AddDays(-1), isLocked: true);

        await Assert.ThatAsync(() => RequestAsync(account.Id), Throws.TypeOf<AccountLockedException>());

        Assert.That(_h.Store.Tokens, Is.Empty);
    }

    [Test]
    public async Task The_phones_window_limit_applies_as_for_sign_in_codes()
    {
        var account = _h.Store.SeedAccount(CurrentPhone, Start.AddDays(-1));
        for (var i = 0; i < _h.Options.MaxSendsPerWindow; i++)
            _h.SeedSentCode(Start.AddSeconds(-10 - i));

        await Assert.ThatAsync(() => RequestAsync(account.Id), Throws.TypeOf<OtpRateLimitedException>());

        Assert.That(_h.Store.Tokens.Count(t => t.PhoneChangeAccountId is not null), Is.Zero);
    }

    private Task<RequestOtpResult> RequestAsync(Guid accountId) =>
        _h.Handler().Handle(new RequestOtpCommand(TypedPhone, null, PhoneChangeAccountId: accountId), CancellationToken.None).AsTask();

    private static SmsSendResult Accepted() => SmsSendResult.Sent("Kavenegar", "msg-7", 200);
}
