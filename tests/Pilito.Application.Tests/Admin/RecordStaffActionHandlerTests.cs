using Microsoft.Extensions.Time.Testing;
using Pilito.Application.Admin.Audit;
using Pilito.Application.Admin.RecordStaffAction;
using Pilito.Application.Tests.Support;
using Pilito.Domain.Audit;

namespace Pilito.Application.Tests.Admin;

public sealed class RecordStaffActionHandlerTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Action_is_stored_with_the_actor_and_the_clock_time()
    {
        var log = new InMemoryStaffAuditLog();
        var actor = new StaffActor(Guid.NewGuid(), "ops@pilito.test", "2001:db8::1");

        await new RecordStaffActionHandler(log.Recorder(new FakeTimeProvider(Now)))
            .Handle(new RecordStaffActionCommand(actor, StaffAuditAction.SignOut), CancellationToken.None);

        var entry = log.Entries.Single();
        Assert.That((entry.Action, entry.StaffId, entry.StaffEmail, entry.Target, entry.ClientAddress, entry.OccurredAt),
            Is.EqualTo((StaffAuditAction.SignOut, actor.StaffId, "ops@pilito.test", (string?)null, "2001:db8::1", Now)));
    }

    [Test]
    public void Action_outside_the_enum_is_refused_by_the_validator()
    {
        var result = new RecordStaffActionValidator().Validate(
            new RecordStaffActionCommand(new StaffActor(null, null, null), (StaffAuditAction)42));

        Assert.That(result.IsValid, Is.False);
    }
}
