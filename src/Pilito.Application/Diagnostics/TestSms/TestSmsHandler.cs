using Mediator;
using Pilito.Application.Admin.Audit;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Audit;
using Pilito.Domain.Phones;

namespace Pilito.Application.Diagnostics.TestSms;

/// <summary>Really sends a test message through a provider, with each chosen method, and reports its whole answer.</summary>
public sealed class TestSmsHandler(IEnumerable<ISmsDiagnostics> providers, ISmsProviderAccounts accounts, StaffAuditRecorder audit)
    : ICommandHandler<TestSmsCommand, TestSmsResult>
{
    /// <summary>The provider a test goes to when none is named and none of Sms:Providers can be tested (the Log sender).</summary>
    public const string DefaultProvider = "Kavenegar";

    public async ValueTask<TestSmsResult> Handle(TestSmsCommand command, CancellationToken cancellationToken)
    {
        var receptor = PhoneNumber.Parse(command.Receptor); // the validator has accepted it
        var method = command.Method is not null && TryParseMethod(command.Method, out var chosen) ? chosen : SmsTestMethod.Send;
        var provider = Choose(command.Provider);
        var attempts = await provider.SendTestAsync(receptor, method, command.Message, cancellationToken);
        // The receptor is any number a staff member typed and the log is kept a year: it is stored masked, as logs show phones.
        if (command.Actor is not null)
            await audit.RecordAsync(command.Actor, StaffAuditAction.TestSms, receptor.ToString());
        return new TestSmsResult(attempts, provider.Provider);
    }

    /// <summary>The named provider (the validator has accepted the name), else the first listed one that can be tested.</summary>
    private ISmsDiagnostics Choose(string? provider)
    {
        var all = providers.ToList();
        var name = provider ?? accounts.Listed.Select(a => a.Provider).FirstOrDefault(p => all.Any(d => d.Provider == p)) ?? DefaultProvider;
        return all.First(d => string.Equals(d.Provider, name, StringComparison.OrdinalIgnoreCase));
    }

    public static bool TryParseMethod(string value, out SmsTestMethod method) =>
        Enum.TryParse(value, ignoreCase: true, out method) && Enum.IsDefined(method) && !int.TryParse(value, out _);
}
