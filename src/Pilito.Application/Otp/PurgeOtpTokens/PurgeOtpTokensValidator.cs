using FluentValidation;

namespace Pilito.Application.Otp.PurgeOtpTokens;

public sealed class PurgeOtpTokensValidator : AbstractValidator<PurgeOtpTokensCommand>
{
    public PurgeOtpTokensValidator() => RuleFor(c => c.OlderThan)
        .GreaterThanOrEqualTo(TimeSpan.FromHours(1))
        .WithMessage("Keep at least an hour of tokens: younger codes may still be in use.");
}
