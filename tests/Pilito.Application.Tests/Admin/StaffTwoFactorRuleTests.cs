using Pilito.Application.Admin.CreateStaffAccount;
using Pilito.Application.Admin.TwoFactor;
using Pilito.Application.Common.Options;

namespace Pilito.Application.Tests.Admin;

public sealed class StaffTwoFactorRuleTests
{
    [TestCase(true, new[] { StaffRoles.Admin }, true)]
    [TestCase(true, new[] { StaffRoles.Staff, StaffRoles.Admin }, true)]
    [TestCase(true, new[] { StaffRoles.Staff }, false)]
    [TestCase(true, new string[0], false)]
    [TestCase(false, new[] { StaffRoles.Admin }, false)]
    [TestCase(null, new[] { StaffRoles.Admin }, true)] // unset: the safe side
    public void Two_factor_is_required_of_the_admin_role_while_the_setting_is_on(bool? setting, string[] roles, bool required) =>
        Assert.That(StaffTwoFactorRule.IsRequired(roles, new StaffTwoFactorOptions { RequireTwoFactor = setting }), Is.EqualTo(required));
}
