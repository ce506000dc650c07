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

        await new GetSmsAccountHandler(account.Object).Handle(new GetSmsAccountQuery(Fresh: true), CancellationToken.None);

        account.Verify(a => a.GetStatusAsync(true, It.IsAny<CancellationToken>()));
    }

    private static async Task<SmsAccountSummary> HandleAsync(SmsAccountStatus status) =>
        await new GetSmsAccountHandler(Account(status).Object).Handle(new GetSmsAccountQuery(), CancellationToken.None);

    private static Mock<ISmsProviderAccount> Account(SmsAccountStatus status)
    {
        var account = new Mock<ISmsProviderAccount>(MockBehavior.Strict);
        account.Setup(a => a.GetStatusAsync(It.IsAny<bool>(), It.IsAny<CancellationToken>())).ReturnsAsync(status);
        account.SetupGet(a => a.LowCreditThreshold).Returns(100_000);
        return account;
    }
}
