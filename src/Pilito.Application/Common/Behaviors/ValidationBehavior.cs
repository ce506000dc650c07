using FluentValidation;
using FluentValidation.Results;
using Mediator;

namespace Pilito.Application.Common.Behaviors;

/// <summary>Runs every validator of a message before its handler; all failures are reported together.</summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        List<ValidationFailure>? failures = null;
        foreach (var validator in validators) // one at a time: validators may share scoped services
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            if (!result.IsValid)
                (failures ??= []).AddRange(result.Errors);
        }

        if (failures is not null)
            throw new ValidationException(failures);
        return await next(message, cancellationToken);
    }
}
