using Mediator;
using Pilito.Application.Admin.Audit;
using Pilito.Domain.Audit;

namespace Pilito.Application.Admin.RecordStaffAction;

/// <summary>
/// Records a staff action that has no use case of its own here (sign-in, sign-out and failed sign-in go through
/// Identity's SignInManager in the web layer, as do two-factor events). <paramref name="Target"/> must never be a
/// secret: an id or a masked phone at most.
/// </summary>
public sealed record RecordStaffActionCommand(StaffActor Actor, StaffAuditAction Action, string? Target = null) : ICommand;
