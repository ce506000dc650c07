using Mediator;
using Pilito.Application.Admin.Audit;

namespace Pilito.Application.Admin.InvalidateOtpToken;

public sealed record InvalidateOtpTokenCommand(long Id, StaffActor Actor) : ICommand<InvalidateOtpTokenOutcome>;
