using FluentValidation;
using Pilito.Application.Common;

namespace Pilito.Application.Auth.RefreshTokens;

public sealed class RefreshTokensValidator : AbstractValidator<RefreshTokensCommand>
{
    public RefreshTokensValidator() => RuleFor(c => c.RefreshToken).RequiredText();
}
