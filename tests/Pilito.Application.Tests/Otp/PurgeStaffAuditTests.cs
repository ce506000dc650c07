using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Pilito.Application.Admin.Audit;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Application.Otp.PurgeOtpTokens;
using Pilito.Application.Tests.Support;
using Pilito.Domain.Audit;

namespace Pilito.Application.Tests.Otp;

/// <summary>The retention purge also deletes staff audit entries past Admin:AuditRetention, whatever age tokens are purged at.</summary>
public sealed class PurgeStaffAuditTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Entries_older_than_the_audit_retention_go_and_younger_ones_stay()
    {
        var clock = new FakeTimeProvider(Start);
        var log = new InMemoryStaffAuditLog();
        var recorder = log.Recorder(clock);
        var actor = new StaffActor(null, "ops@pilito.test", null);
        for (var i = 0; i < 5; i++)
            await recorder.RecordAsync(actor, StaffAuditAction.SignIn, null); // five: three batches of two
        clock.Advance(TimeSpan.FromDays(10));
        await recorder.RecordAsync(actor, StaffAuditAction.SignOut, null);
        clock.Advance(TimeSpan.FromDays(1));

        // Tokens purged at 1 hour: the audit log keeps its own retention (10 days here).
        await Handler(log, clock, TimeSpan.FromDays(10)).Handle(new PurgeOtpTokensCommand(TimeSpan.FromHours(1)), CancellationToken.None);

        Assert.That(log.Entries.Select(e => e.Action), Is.EqualTo(new[] { StaffAuditAction.SignOut }));
    }

    private static PurgeOtpTokensHandler Handler(InMemoryStaffAuditLog log, TimeProvider clock, TimeSpan auditRetention)
    {
        var store = new Mock<IOtpTokenStore>();
        store.Setup(s => s.DeleteBatchCreatedBeforeAsync(It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync(0);
        store.Setup(s => s.DeleteCountsBeforeAsync(It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync(0);
        store.Setup(s => s.DeleteRefreshTokensExpiredBeforeAsync(It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync(0);
        store.Setup(s => s.DeleteRefreshTokensRevokedBeforeAsync(It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync(0);
        var webhooks = new Mock<IWebhookOutbox>();
        webhooks.Setup(w => w.DeleteSettledBeforeAsync(It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync(0);
        return new PurgeOtpTokensHandler(store.Object, log, webhooks.Object, Options.Create(new OtpOptions { PurgeBatchSize = 2 }),
            Options.Create(new StaffAuditOptions { AuditRetention = auditRetention }), Options.Create(new WebhookOptions()), clock,
            NullLogger<PurgeOtpTokensHandler>.Instance);
    }
}
