using FluentValidation;
using Pilito.Application.Common;

namespace Pilito.Application.Auth.RefreshTokens;

public sealed class RefreshTokensValidator : AbstractValidator<RefreshTokensCommand>
{
    public RefreshTokensValidator() => RuleFor(c => c.RefreshToken).Cascade(CascadeMode.Stop)
        .NotNull().WithMessage(ValidationMessages.Required)
        .NotEmpty().WithMessage(ValidationMessages.Blank);
}
