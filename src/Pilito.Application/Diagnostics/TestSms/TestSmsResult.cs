using Pilito.Application.Common.Ports;

namespace Pilito.Application.Diagnostics.TestSms;

public sealed record TestSmsResult(IReadOnlyList<SmsTestAttempt> Attempts)
{
    public bool AllSucceeded => Attempts.Count > 0 && Attempts.All(a => a.Success);
}
