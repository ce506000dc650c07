using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Ports;

namespace Pilito.Infrastructure.Sms.SmsIr;

/// <summary>The account's credit from sms.ir's GET credit (which sends nothing), reused for SmsIr:CreditCacheDuration.</summary>
internal sealed class SmsIrAccount(
    SmsIrClient client,
    IOptions<SmsIrOptions> smsIr,
    IOptions<SmsOptions> sms,
    TimeProvider clock,
    ILogger<SmsIrAccount> logger) : CachedProviderAccount(clock, logger)
{
    public const string CreditPath = "credit";

    public override string Provider => SmsIrSmsSender.ProviderName;

    public override string CreditUnit => "SMS";

    public override long LowCreditThreshold => smsIr.Value.LowCreditThreshold;

    protected override TimeSpan CacheDuration => smsIr.Value.CreditCacheDuration;

    protected override SmsAccountStatus? Immediate()
    {
        if (!sms.Value.InOrder.Contains(SmsProvider.SmsIr))
            return Status(false, "SmsIr is not among Sms:Providers");
        return smsIr.Value.HasApiKey ? null : Status(true, "API key not set");
    }

    protected override async Task<SmsAccountStatus> AskProviderAsync()
    {
        SmsIrAnswer answer;
        try
        {
            answer = await client.CallAsync(CreditPath, json: null, CancellationToken.None);
        }
        catch (SmsProviderCallException e)
        {
            return Status(true, e.Message);
        }

        var now = Clock.GetUtcNow();
        if (!answer.IsOk)
            return new SmsAccountStatus(true, true, answer.Status, null, null, SmsIrStatusCodes.Describe(answer.Status), now);
        // sms.ir gives credit as a decimal number of SMS; a part of one SMS buys nothing, so the figure is whole SMS.
        return answer.DataDecimal() is { } credit and >= 0 and < long.MaxValue
            ? new SmsAccountStatus(true, true, answer.Status, (long)decimal.Floor(credit), null, null, now)
            : new SmsAccountStatus(true, true, answer.Status, null, null, "sms.ir's credit answer had no figure", now);
    }
}
