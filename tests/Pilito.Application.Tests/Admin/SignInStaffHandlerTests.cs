using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Pilito.Application.Admin.SignInStaff;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Application.Common.Writes;
using Pilito.Application.Tests.Support;
using Pilito.Domain.Audit;

namespace Pilito.Application.Tests.Admin;

public sealed class SignInStaffHandlerTests
{
    private const string Email = "staff@pilito.test";
    private const string Right = "Right-password-1";
    private const string Here = "198.51.100.7";
    private const string There = "203.0.113.9";
    private static readonly Guid StaffId = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 10, 0, 30, TimeSpan.Zero);

    private FakeTimeProvider _clock = null!;
    private InMemoryOtpStore _store = null!;
    private StaffSignInOptions _limits = null!;
    private Mock<IStaffCredentials> _credentials = null!;
    private InMemoryStaffAuditLog _audit = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(Now);
        _store = new InMemoryOtpStore();
        _limits = new StaffSignInOptions { MaxFailedSignInsPerAddressPerHour = 20, MaxFailedSignInsPerAccountPerAddress = 5 };
        _audit = new InMemoryStaffAuditLog();
        _credentials = new Mock<IStaffCredentials>();
        _credentials.Setup(c => c.SignInAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string email, string password, CancellationToken _) => email != Email
                ? new StaffCredentialCheck(StaffSignInOutcome.Refused)
                : new StaffCredentialCheck(password == Right ? StaffSignInOutcome.SignedIn : StaffSignInOutcome.Refused, StaffId, Email));
    }

    [Test]
    public async Task A_right_password_signs_in_and_counts_nothing()
    {
        var result = await SendAsync(Email, Right, Here);

        Assert.That(result.Outcome, Is.EqualTo(StaffSignInOutcome.SignedIn));
        Assert.That(_store.TotalCount(CountScope.StaffSignInAddress(ClientNetwork.Of(Here, 64))), Is.Zero);
        Assert.That(_store.TotalCount(CountScope.StaffSignInAccount(Email, ClientNetwork.Of(Here, 64))), Is.Zero);
    }

    [Test]
    public async Task A_wrong_password_counts_for_the_network_and_for_the_email_from_it()
    {
        var result = await SendAsync(Email, "Wrong-password-1", Here);

        Assert.That(result.Outcome, Is.EqualTo(StaffSignInOutcome.Refused));
        Assert.That(_store.TotalCount(CountScope.StaffSignInAddress(ClientNetwork.Of(Here, 64))), Is.EqualTo(1));
        Assert.That(_store.TotalCount(CountScope.StaffSignInAccount(Email, ClientNetwork.Of(Here, 64))), Is.EqualTo(1));
    }

    [Test]
    public async Task After_the_email_fails_too_often_from_one_network_even_the_right_password_waits_there_and_not_elsewhere()
    {
        for (var i = 0; i < 5; i++)
            await SendAsync(Email, "Wrong-password-1", Here);

        var here = await SendAsync(Email, Right, Here);
        var there = await SendAsync(Email, Right, There);

        Assert.That(here.Outcome, Is.EqualTo(StaffSignInOutcome.Paused));
        Assert.That(here.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds((15 * 60) + 30)), "until the first failure's whole minute has left the 15-minute window");
        Assert.That(there.Outcome, Is.EqualTo(StaffSignInOutcome.SignedIn));
        _credentials.Verify(c => c.SignInAsync(Email, Right, It.IsAny<CancellationToken>()), Times.Once, "a paused attempt is never checked");
    }

    [Test]
    public async Task A_network_that_failed_too_often_waits_whatever_the_email()
    {
        _limits.MaxFailedSignInsPerAddressPerHour = 3;
        for (var i = 0; i < 3; i++)
            await SendAsync($"guess{i}@pilito.test", "Wrong-password-1", Here);

        var result = await SendAsync(Email, Right, Here);

        Assert.That(result.Outcome, Is.EqualTo(StaffSignInOutcome.Paused));
        Assert.That(result.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(3600 + 30)));
    }

    [Test]
    public async Task The_pause_ends_at_its_Retry_After_and_not_a_second_earlier()
    {
        for (var i = 0; i < 5; i++)
            await SendAsync(Email, "Wrong-password-1", Here);
        var wait = (await SendAsync(Email, Right, Here)).RetryAfter!.Value;

        _clock.Advance(wait - TimeSpan.FromSeconds(1));
        var early = await SendAsync(Email, Right, Here);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var onTime = await SendAsync(Email, Right, Here);

        Assert.That(early.Outcome, Is.EqualTo(StaffSignInOutcome.Paused));
        Assert.That(onTime.Outcome, Is.EqualTo(StaffSignInOutcome.SignedIn));
    }

    [Test]
    public async Task The_email_is_counted_whatever_its_case_and_spaces()
    {
        for (var i = 0; i < 5; i++)
            await SendAsync(" STAFF@pilito.test ", "Wrong-password-1", Here);

        var result = await SendAsync(Email, Right, Here);

        Assert.That(result.Outcome, Is.EqualTo(StaffSignInOutcome.Paused));
    }

    [Test]
    public async Task An_empty_or_overlong_email_is_refused_unchecked_and_counted()
    {
        var empty = await SendAsync("  ", Right, Here);
        var overlong = await SendAsync(new string('a', SignInStaffHandler.MaxEmailLength + 1), Right, Here);

        Assert.That(empty.Outcome, Is.EqualTo(StaffSignInOutcome.Refused));
        Assert.That(overlong.Outcome, Is.EqualTo(StaffSignInOutcome.Refused));
        Assert.That(_store.TotalCount(CountScope.StaffSignInAddress(ClientNetwork.Of(Here, 64))), Is.EqualTo(2));
        _credentials.Verify(c => c.SignInAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task A_right_password_that_needs_a_second_step_gives_its_count_back()
    {
        _credentials.Setup(c => c.SignInAsync(Email, Right, It.IsAny<CancellationToken>())).ReturnsAsync(new StaffCredentialCheck(StaffSignInOutcome.SecondStepRequired, StaffId, Email));

        var result = await SendAsync(Email, Right, Here);

        Assert.That(result.Outcome, Is.EqualTo(StaffSignInOutcome.SecondStepRequired));
        Assert.That(_store.TotalCount(CountScope.StaffSignInAddress(ClientNetwork.Of(Here, 64))), Is.Zero);
    }

    [Test]
    public async Task Sign_ins_and_refusals_are_audited_with_the_address_and_pauses_are_not()
    {
        await SendAsync(Email, Right, Here);
        await SendAsync("nobody@pilito.test", "Wrong-password-1", There);
        for (var i = 0; i < 5; i++)
            await SendAsync(Email, "Wrong-password-1", Here);
        var before = _audit.Entries.Count;

        var paused = await SendAsync(Email, Right, Here);

        Assert.That(paused.Outcome, Is.EqualTo(StaffSignInOutcome.Paused));
        Assert.That(_audit.Entries, Has.Count.EqualTo(before), "a paused attempt writes no entry");
        var signIn = _audit.Entries[0];
        Assert.That((signIn.Action, signIn.StaffId, signIn.StaffEmail, signIn.ClientAddress), Is.EqualTo((StaffAuditAction.SignIn, (Guid?)StaffId, Email, Here)));
        var unknown = _audit.Entries[1];
        Assert.That((unknown.Action, unknown.StaffId, unknown.StaffEmail, unknown.ClientAddress), Is.EqualTo((StaffAuditAction.SignInFailed, (Guid?)null, "nobody@pilito.test", There)));
    }

    private async Task<StaffSignInResult> SendAsync(string email, string password, string ip)
    {
        var throttle = new StaffSignInThrottle(_store, Options.Create(_limits), Options.Create(new OtpOptions()), _clock);
        var handler = new SignInStaffHandler(throttle, _credentials.Object, _audit.Recorder(_clock), NullLogger<SignInStaffHandler>.Instance);
        return await handler.Handle(new SignInStaffCommand(email, password, ip), CancellationToken.None);
    }
}
