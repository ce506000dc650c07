using Mediator;

namespace Pilito.Application.Admin.InvalidateOtpToken;

public sealed record InvalidateOtpTokenCommand(long Id) : ICommand<InvalidateOtpTokenOutcome>;
