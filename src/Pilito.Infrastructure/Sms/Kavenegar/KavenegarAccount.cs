using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Ports;

namespace Pilito.Infrastructure.Sms.Kavenegar;

/// <summary>
/// The account's standing from account/info (which sends nothing), reused for Kavenegar:CreditCacheDuration.
/// </summary>
internal sealed class KavenegarAccount(
    KavenegarGateway gateway,
    IOptions<KavenegarOptions> kavenegar,
    IOptions<SmsOptions> sms,
    TimeProvider clock,
    ILogger<KavenegarAccount> logger) : CachedProviderAccount(clock, logger)
{
    public override string Provider => KavenegarSmsSender.ProviderName;

    public override string CreditUnit => "Rial";

    public override long LowCreditThreshold => kavenegar.Value.LowCreditThreshold;

    protected override TimeSpan CacheDuration => kavenegar.Value.CreditCacheDuration;

    /// <summary>What needs no question to Kavenegar: no account when it is not a provider, no answer without a key.</summary>
    protected override SmsAccountStatus? Immediate()
    {
        if (!sms.Value.InOrder.Contains(SmsProvider.Kavenegar))
            return Status(false, sms.Value.Provider == SmsProvider.Log ? "the Log sender has no account" : "Kavenegar is not among Sms:Providers");
        return kavenegar.Value.HasApiKey ? null : Status(true, "API key not set");
    }

    protected override async Task<SmsAccountStatus> AskProviderAsync() =>
        Read(await gateway.AccountInfoAsync(CancellationToken.None), Clock.GetUtcNow());

    private static SmsAccountStatus Read(KavenegarResult result, DateTimeOffset now)
    {
        if (result.Answer is not { } answer)
            return new SmsAccountStatus(true, false, null, null, null, result.Reason, now);
        if (!answer.IsOk)
            return new SmsAccountStatus(true, true, answer.Status, null, null, result.Reason, now);

        var entries = answer.Entries;
        if (entries.ValueKind != JsonValueKind.Object)
            return new SmsAccountStatus(true, true, answer.Status, null, null, answer.UnexpectedShape("entries is not an object"), now);

        var expires = Expiry(entries);
        if (!entries.TryGetProperty("remaincredit", out var c) || c.ValueKind == JsonValueKind.Null)
            return new SmsAccountStatus(true, true, answer.Status, null, expires, "account/info had no remaincredit", now);
        // A credit that is text, fractional, huge or negative is not a figure to judge readiness or a dashboard by.
        return c.ValueKind == JsonValueKind.Number && c.TryGetInt64(out var credit) && credit >= 0
            ? new SmsAccountStatus(true, true, answer.Status, credit, expires, null, now)
            : new SmsAccountStatus(true, true, answer.Status, null, expires, answer.UnexpectedShape("remaincredit is not a whole number of Rial"), now);
    }

    private static DateTimeOffset? Expiry(JsonElement entries) =>
        entries.TryGetProperty("expiredate", out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var seconds)
            && seconds >= 0 && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
