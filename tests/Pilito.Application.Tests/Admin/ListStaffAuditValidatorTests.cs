using Pilito.Application.Admin.ListStaffAudit;
using Pilito.Domain.Audit;

namespace Pilito.Application.Tests.Admin;

public sealed class ListStaffAuditValidatorTests
{
    private readonly ListStaffAuditValidator _validator = new();

    [Test]
    public void Filters_and_a_cursor_are_accepted()
    {
        var result = _validator.Validate(new ListStaffAuditQuery("ops@pilito.test", StaffAuditAction.TestSms, After: "638000000000000000_12"));

        Assert.That(result.IsValid, Is.True, string.Join(" ", result.Errors));
    }

    [Test]
    public void Staff_email_longer_than_the_column_is_refused()
    {
        var result = _validator.Validate(new ListStaffAuditQuery(new string('a', 257)));

        Assert.That(result.Errors.Select(e => e.ErrorMessage), Is.EqualTo(new[] { ListStaffAuditValidator.StaffTooLong }));
    }

    [Test]
    public void Action_outside_the_enum_is_refused()
    {
        var result = _validator.Validate(new ListStaffAuditQuery(Action: (StaffAuditAction)99));

        Assert.That(result.Errors.Single().PropertyName, Is.EqualTo(nameof(ListStaffAuditQuery.Action)));
    }

    [TestCase("abc")]
    [TestCase("-1_1")]
    [TestCase("1_")]
    public void Hand_made_cursor_is_refused(string cursor)
    {
        Assert.That(_validator.Validate(new ListStaffAuditQuery(Before: cursor)).IsValid, Is.False);
    }
}
