using FluentValidation;
using FluentValidation.Results;
using Moq;
using Pilito.Application.Common.Behaviors;
using Pilito.Application.Otp.RequestOtp;
using Pilito.Domain.Phones;

namespace Pilito.Application.Tests.Common;

public sealed class ValidationBehaviorTests
{
    private static readonly RequestOtpCommand Command = new("09123456789", null);
    private static readonly RequestOtpResult Response = new(PhoneNumber.Parse("09123456789"), TimeSpan.FromMinutes(5), null, "verification-id");

    private int _nextCalls;

    [SetUp]
    public void SetUp() => _nextCalls = 0;

    [Test]
    public async Task Failures_of_every_validator_are_thrown_together()
    {
        var first = new ValidationFailure("PhoneNumber", "first");
        var second = new ValidationFailure("PhoneNumber", "second");
        var third = new ValidationFailure("ClientIp", "third");
        var behavior = Behavior(Validator(first, second), Validator(), Validator(third));

        var error = await Assert.ThrowsAsync<ValidationException>(async () =>
            await behavior.Handle(Command, Next, CancellationToken.None));

        Assert.That(error.Errors, Is.EqualTo(new[] { first, second, third }));
    }

    [Test]
    public async Task Every_validator_of_the_message_runs_even_after_one_fails()
    {
        var failing = Validator(new ValidationFailure("PhoneNumber", "first"));
        var passing = Validator();
        var alsoFailing = Validator(new ValidationFailure("PhoneNumber", "second"));
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAsync<ValidationException>(async () =>
            await Behavior(failing, passing, alsoFailing).Handle(Command, Next, cancellation.Token));

        foreach (var validator in new[] { failing, passing, alsoFailing })
            validator.Verify(v => v.ValidateAsync(Command, cancellation.Token), Times.Once);
    }

    [Test]
    public async Task Invalid_message_never_reaches_the_handler()
    {
        var behavior = Behavior(Validator(new ValidationFailure("PhoneNumber", "invalid")));

        await Assert.ThrowsAsync<ValidationException>(async () =>
            await behavior.Handle(Command, Next, CancellationToken.None));

        Assert.That(_nextCalls, Is.Zero);
    }

    [Test]
    public async Task Valid_message_calls_the_handler_once_and_returns_its_response()
    {
        var behavior = Behavior(Validator(), Validator());

        var response = await behavior.Handle(Command, Next, CancellationToken.None);

        Assert.That(_nextCalls, Is.EqualTo(1));
        Assert.That(response, Is.SameAs(Response));
    }

    [Test]
    public async Task Message_without_validators_calls_the_handler_once()
    {
        var response = await Behavior().Handle(Command, Next, CancellationToken.None);

        Assert.That(_nextCalls, Is.EqualTo(1));
        Assert.That(response, Is.SameAs(Response));
    }

    private static ValidationBehavior<RequestOtpCommand, RequestOtpResult> Behavior(params Mock<IValidator<RequestOtpCommand>>[] validators) =>
        new(validators.Select(v => v.Object).ToList());

    private static Mock<IValidator<RequestOtpCommand>> Validator(params ValidationFailure[] failures)
    {
        var validator = new Mock<IValidator<RequestOtpCommand>>(MockBehavior.Strict);
        validator.Setup(v => v.ValidateAsync(It.IsAny<RequestOtpCommand>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ValidationResult(failures));
        return validator;
    }

    private ValueTask<RequestOtpResult> Next(RequestOtpCommand message, CancellationToken cancellationToken)
    {
        _nextCalls++;
        return ValueTask.FromResult(Response);
    }
}
