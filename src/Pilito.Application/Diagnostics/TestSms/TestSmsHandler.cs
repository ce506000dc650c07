using Mediator;
using Pilito.Application.Admin.Audit;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Audit;
using Pilito.Domain.Phones;

namespace Pilito.Application.Diagnostics.TestSms;

/// <summary>Really sends a test message through the provider, with each chosen method, and reports its whole answer.</summary>
public sealed class TestSmsHandler(ISmsDiagnostics sms, StaffAuditRecorder audit) : ICommandHandler<TestSmsCommand, TestSmsResult>
{
    public async ValueTask<TestSmsResult> Handle(TestSmsCommand command, CancellationToken cancellationToken)
    {
        var receptor = PhoneNumber.Parse(command.Receptor); // the validator has accepted it
        var method = command.Method is not null && TryParseMethod(command.Method, out var chosen) ? chosen : SmsTestMethod.Send;
        var attempts = await sms.SendTestAsync(receptor, method, command.Message, cancellationToken);
        // The receptor is any number a staff member typed and the log is kept a year: it is stored masked, as logs show phones.
        if (command.Actor is not null)
            await audit.RecordAsync(command.Actor, StaffAuditAction.TestSms, receptor.ToString());
        return new TestSmsResult(attempts);
    }

    public static bool TryParseMethod(string value, out SmsTestMethod method) =>
        Enum.TryParse(value, ignoreCase: true, out method) && Enum.IsDefined(method) && !int.TryParse(value, out _);
}
