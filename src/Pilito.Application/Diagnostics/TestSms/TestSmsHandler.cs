using Mediator;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Phones;

namespace Pilito.Application.Diagnostics.TestSms;

/// <summary>Really sends a test message through the provider, with each chosen method, and reports its whole answer.</summary>
public sealed class TestSmsHandler(ISmsDiagnostics sms) : ICommandHandler<TestSmsCommand, TestSmsResult>
{
    public async ValueTask<TestSmsResult> Handle(TestSmsCommand command, CancellationToken cancellationToken)
    {
        var receptor = PhoneNumber.Parse(command.Receptor); // the validator has accepted it
        var method = command.Method is not null && TryParseMethod(command.Method, out var chosen) ? chosen : SmsTestMethod.Send;
        var attempts = await sms.SendTestAsync(receptor, method, command.Message, cancellationToken);
        return new TestSmsResult(attempts);
    }

    public static bool TryParseMethod(string value, out SmsTestMethod method) =>
        Enum.TryParse(value, ignoreCase: true, out method) && Enum.IsDefined(method) && !int.TryParse(value, out _);
}
