using Pilito.Application.Common.Ports;

namespace Pilito.Application.Diagnostics.TestSms;

/// <param name="Provider">The provider the test went to.</param>
public sealed record TestSmsResult(IReadOnlyList<SmsTestAttempt> Attempts, string Provider = "Kavenegar")
{
    public bool AllSucceeded => Attempts.Count > 0 && Attempts.All(a => a.Success);
}
