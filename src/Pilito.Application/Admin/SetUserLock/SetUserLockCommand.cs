using Mediator;
using Pilito.Application.Admin.Audit;

namespace Pilito.Application.Admin.SetUserLock;

/// <summary>Locks (indefinitely) or unlocks a phone account; false when there is no such phone account.</summary>
public sealed record SetUserLockCommand(Guid UserId, bool Locked, StaffActor Actor) : ICommand<bool>;
