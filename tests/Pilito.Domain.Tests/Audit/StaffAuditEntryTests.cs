using Pilito.Domain.Audit;

namespace Pilito.Domain.Tests.Audit;

public sealed class StaffAuditEntryTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Test]
    public void Entry_keeps_who_what_which_when_and_where()
    {
        var staff = Guid.NewGuid();

        var entry = StaffAuditEntry.Record(StaffAuditAction.LockUser, staff, "ops@pilito.test", "target-1", "203.0.113.7", Now);

        Assert.That((entry.Action, entry.StaffId, entry.StaffEmail, entry.Target, entry.ClientAddress, entry.OccurredAt),
            Is.EqualTo((StaffAuditAction.LockUser, (Guid?)staff, "ops@pilito.test", "target-1", "203.0.113.7", Now)));
    }

    [Test]
    public void Email_is_trimmed_and_lower_cased_so_one_member_is_one_filter()
    {
        var entry = StaffAuditEntry.Record(StaffAuditAction.SignIn, null, "  Ops@Pilito.TEST \t", null, null, Now);

        Assert.That(entry.StaffEmail, Is.EqualTo("ops@pilito.test"));
    }

    [Test]
    public void Typed_texts_are_capped_to_their_columns()
    {
        var entry = StaffAuditEntry.Record(StaffAuditAction.SignInFailed, null, new string('a', 1000), new string('1', 1000), new string('2', 1000), Now);

        Assert.That(entry.StaffEmail, Has.Length.EqualTo(StaffAuditEntry.MaxEmailLength));
        Assert.That(entry.Target, Has.Length.EqualTo(StaffAuditEntry.MaxTargetLength));
        Assert.That(entry.ClientAddress, Has.Length.EqualTo(StaffAuditEntry.MaxAddressLength));
    }

    [Test]
    public void Control_characters_are_replaced_so_a_typed_newline_cannot_forge_a_log_line()
    {
        var entry = StaffAuditEntry.Record(StaffAuditAction.SignInFailed, null, "a@b.test\nInformation: forged\u001b[2J", null, null, Now);

        Assert.That(entry.StaffEmail, Is.EqualTo("a@b.test\uFFFDinformation: forged\uFFFD[2j"));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void Blank_texts_are_stored_as_unknown(string? blank)
    {
        var entry = StaffAuditEntry.Record(StaffAuditAction.SignInFailed, null, blank, blank, blank, Now);

        Assert.That((entry.StaffEmail, entry.Target, entry.ClientAddress), Is.EqualTo(((string?)null, (string?)null, (string?)null)));
    }
}
