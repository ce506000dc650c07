using Moq;
using Pilito.Application.Admin.GetSmsAccount;
using Pilito.Application.Common.Ports;

namespace Pilito.Application.Tests.Admin;

public sealed class GetSmsAccountHandlerTests
{
    private static readonly DateTimeOffset Now = new(2025, 11, 25, 10, 0, 0, TimeSpan.Zero);

    [TestCase(99_999, true)]
    [TestCase(100_000, false)]
    [TestCase(5_000_000, false)]
    public async Task Credit_below_the_threshold_is_low(long credit, bool low)
    {
        var summary = await HandleAsync(new SmsAccountStatus(true, true, 200, credit, Now.AddYears(1), null, Now));

        Assert.That(summary.RemainingCredit, Is.EqualTo(credit));
        Assert.That(summary.LowCreditThreshold, Is.EqualTo(100_000));
        Assert.That(summary.IsLow, Is.EqualTo(low));
    }

    [Test]
    public async Task Log_sender_is_not_applicable_and_never_low()
    {
        var summary = await HandleAsync(new SmsAccountStatus(false, false, null, null, null, "the Log sender has no account", Now));

        Assert.That(summary.Applicable, Is.False);
        Assert.That(summary.IsLow, Is.False);
    }

    [Test]
    public async Task Unanswered_provider_gives_its_problem_and_no_figure()
    {
        var summary = await HandleAsync(new SmsAccountStatus(true, false, null, null, null, "Kavenegar could not be reached (connection refused)", Now));

        Assert.That(summary.RemainingCredit, Is.Null);
        Assert.That(summary.Problem, Is.EqualTo("Kavenegar could not be reached (connection refused)"));
        Assert.That(summary.IsLow, Is.False);
    }

    [Test]
    public async Task Fresh_query_asks_the_provider_now()
    {
        var account = Account(new SmsAccountStatus(true, true, 200, 1, null, null, Now));

        await new GetSmsAccountHandler(new Accounts([account.Object])).Handle(new GetSmsAccountQuery(Fresh: true), CancellationToken.None);

        account.Verify(a => a.GetStatusAsync(true, It.IsAny<CancellationToken>()));
    }

    [Test]
    public async Task Each_listed_provider_gets_its_own_summary_in_order_with_its_unit()
    {
        var kavenegar = Account(new SmsAccountStatus(true, true, 200, 5_000_000, null, null, Now));
        var smsIr = Account(new SmsAccountStatus(true, true, 1, 40, null, null, Now), "SmsIr", "SMS", threshold: 100);

        var summaries = await new GetSmsAccountHandler(new Accounts([kavenegar.Object, smsIr.Object])).Handle(new GetSmsAccountQuery(), CancellationToken.None);

        Assert.That(summaries.Select(s => (s.Provider, s.CreditUnit, s.RemainingCredit, s.IsLow)),
            Is.EqualTo(new[] { ("Kavenegar", "Rial", (long?)5_000_000, false), ("SmsIr", "SMS", (long?)40, true) }));
    }

    [Test]
    public async Task No_listed_account_is_the_Log_sender_s_not_applicable_card()
    {
        var summaries = await new GetSmsAccountHandler(new Accounts([])).Handle(new GetSmsAccountQuery(), CancellationToken.None);

        Assert.That(summaries, Is.EqualTo(new[] { SmsAccountSummary.NotApplicable }));
        Assert.That(summaries[0].Applicable, Is.False);
    }

    private static async Task<SmsAccountSummary> HandleAsync(SmsAccountStatus status) =>
        (await new GetSmsAccountHandler(new Accounts([Account(status).Object])).Handle(new GetSmsAccountQuery(), CancellationToken.None)).Single();

    private static Mock<ISmsProviderAccount> Account(SmsAccountStatus status, string provider = "Kavenegar", string unit = "Rial", long threshold = 100_000)
    {
        var account = new Mock<ISmsProviderAccount>(MockBehavior.Strict);
        account.Setup(a => a.GetStatusAsync(It.IsAny<bool>(), It.IsAny<CancellationToken>())).ReturnsAsync(status);
        account.SetupGet(a => a.LowCreditThreshold).Returns(threshold);
        account.SetupGet(a => a.Provider).Returns(provider);
        account.SetupGet(a => a.CreditUnit).Returns(unit);
        return account;
    }

    private sealed record Accounts(IReadOnlyList<ISmsProviderAccount> Listed) : ISmsProviderAccounts;
}
