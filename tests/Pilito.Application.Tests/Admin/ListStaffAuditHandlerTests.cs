using Microsoft.Extensions.Time.Testing;
using Pilito.Application.Admin.Audit;
using Pilito.Application.Admin.ListStaffAudit;
using Pilito.Application.Tests.Support;
using Pilito.Domain.Audit;

namespace Pilito.Application.Tests.Admin;

public sealed class ListStaffAuditHandlerTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private InMemoryStaffAuditLog _log = null!;
    private FakeTimeProvider _clock = null!;

    [SetUp]
    public async Task SeedAsync()
    {
        _log = new InMemoryStaffAuditLog();
        _clock = new FakeTimeProvider(Start);
        var recorder = _log.Recorder(_clock);
        await recorder.RecordAsync(new StaffActor(Guid.NewGuid(), "Ops@Pilito.test", null), StaffAuditAction.SignIn, null);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await recorder.RecordAsync(new StaffActor(Guid.NewGuid(), "help@pilito.test", null), StaffAuditAction.SignIn, null);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await recorder.RecordAsync(new StaffActor(Guid.NewGuid(), "ops@pilito.test", null), StaffAuditAction.LockUser, "x");
    }

    [Test]
    public async Task Staff_filter_matches_the_email_whatever_its_case_and_spaces()
    {
        var page = await Handle(new ListStaffAuditQuery(Staff: "  OPS@pilito.TEST "));

        Assert.That(page.Items.Select(r => r.Action), Is.EqualTo(new[] { StaffAuditAction.LockUser, StaffAuditAction.SignIn }));
    }

    [Test]
    public async Task Action_filter_narrows_to_that_action()
    {
        var page = await Handle(new ListStaffAuditQuery(Action: StaffAuditAction.SignIn));

        Assert.That(page.Items.Select(r => r.StaffEmail), Is.EqualTo(new[] { "help@pilito.test", "ops@pilito.test" }));
    }

    [Test]
    public async Task No_filter_lists_every_entry_newest_first()
    {
        var page = await Handle(new ListStaffAuditQuery());

        Assert.That(page.Items.Select(r => r.OccurredAt), Is.EqualTo(new[] { Start.AddMinutes(2), Start.AddMinutes(1), Start }));
    }

    private Task<Pilito.Application.Admin.Common.Page<StaffAuditRow>> Handle(ListStaffAuditQuery query) =>
        new ListStaffAuditHandler(_log).Handle(query, CancellationToken.None).AsTask();
}
