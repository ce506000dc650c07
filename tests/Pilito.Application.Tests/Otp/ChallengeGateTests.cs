using Microsoft.Extensions.Options;
using Moq;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Application.Common.Writes;
using Pilito.Application.Otp.RequestOtp;
using Pilito.Application.Tests.Support;

namespace Pilito.Application.Tests.Otp;

/// <summary>When a code request must carry a solved challenge, and how a solution is spent.</summary>
public sealed class ChallengeGateTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 10, 0, 20, TimeSpan.Zero);
    private static readonly DateTimeOffset HourStart = Now - TimeSpan.FromHours(1);
    private readonly OtpOptions _otp = new() { MaxSendsPerHour = 100, MaxPrefixShareOfBudget = 0.5, MaxSendsPerIpPerHour = 10, MaxSendsPerWindow = 3 };
    private readonly ChallengeGate _gate = new(new Mock<IProofOfWork>(MockBehavior.Strict).Object,
        Options.Create(new ChallengeOptions { Enabled = true, PressureShare = 0.5, Lifetime = TimeSpan.FromMinutes(5) }));

    [TestCase(49, 0, 0, 0, false, TestName = "Quiet: nothing asks for a challenge")]
    [TestCase(50, 0, 0, 0, true, TestName = "Half the service budget spent")]
    [TestCase(0, 25, 0, 0, true, TestName = "Half the prefix's share spent")]
    [TestCase(0, 0, 5, 0, true, TestName = "Half the network's limit spent")]
    [TestCase(0, 0, 4, 2, false, TestName = "Just under on the network, the phone's first codes")]
    [TestCase(0, 0, 0, 3, true, TestName = "The phone past its first codes of the day")]
    public void Pressure(int service, int prefix, int address, int phoneCodesToday, bool expected)
    {
        var counts = new CodeRequestCounts(Window(CountScope.Service, service), Window(CountScope.Prefix("912"), prefix),
            Window(CountScope.Address(new ClientNetwork("203.0.113.7")), address));

        Assert.That(_gate.UnderPressure(_otp, HourStart, counts, phoneCodesToday), Is.EqualTo(expected));
    }

    [Test]
    public async Task A_valid_solution_is_spent_once_and_an_invalid_one_never()
    {
        var store = new InMemoryOtpStore();
        var valid = ProofOfWorkCheck.Valid(new string('a', 64), Now.AddMinutes(5));
        var invalid = ProofOfWorkCheck.Invalid(ProofOfWorkFailure.WrongNumber);

        var first = await store.RunAsync(null, (tx, ct) => _gate.TrySpendAsync(tx, valid, Now, ct), CancellationToken.None);
        var again = await store.RunAsync(null, (tx, ct) => _gate.TrySpendAsync(tx, valid, Now.AddMinutes(2), ct), CancellationToken.None);
        var wrong = await store.RunAsync(null, (tx, ct) => _gate.TrySpendAsync(tx, invalid, Now, ct), CancellationToken.None);
        var none = await store.RunAsync(null, (tx, ct) => _gate.TrySpendAsync(tx, null, Now, ct), CancellationToken.None);

        Assert.That((first, again, wrong, none), Is.EqualTo((true, false, false, false)));
        Assert.That(store.TotalCount(CountScope.SpentChallenge(valid.SingleUseKey!)), Is.EqualTo(1));
    }

    private static CountWindow Window(CountScope scope, int count) =>
        new(scope, new Dictionary<DateTimeOffset, int> { [CountWindow.MinuteOf(Now)] = count });
}
