using FluentValidation;
using FluentValidation.Results;
using Pilito.Application.Common;

namespace Pilito.Application.Otp.RequestOtp;

public sealed class RequestOtpValidator : AbstractValidator<RequestOtpCommand>
{
    public RequestOtpValidator()
    {
        RuleFor(c => c.PhoneNumber).IranianMobile();
        // A failure added whole: its text quotes the client's input, which must not go through the message formatter.
        RuleFor(c => c.Channel).Custom((channel, context) =>
        {
            if (!DeliveryChannels.TryParse(channel, out _))
                context.AddFailure(new ValidationFailure(nameof(RequestOtpCommand.Channel), ValidationMessages.InvalidChoice(channel)));
        });
        // Any short tag is taken (an unknown one falls back to the default text); only an absurd length is refused.
        RuleFor(c => c.Language).Custom((language, context) =>
        {
            if (language is { Length: > MessageLanguages.MaxTagLength })
                context.AddFailure(new ValidationFailure(nameof(RequestOtpCommand.Language), ValidationMessages.MaxLength(MessageLanguages.MaxTagLength)));
        });
    }
}
