using FluentValidation;
using Pilito.Application.Common;

namespace Pilito.Application.Auth.Logout;

public sealed class LogoutValidator : AbstractValidator<LogoutCommand>
{
    public LogoutValidator() => RuleFor(c => c.RefreshToken).RequiredText();
}
