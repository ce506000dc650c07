using System.Text.Json;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Ports;

namespace Pilito.Infrastructure.Sms.Kavenegar;

/// <summary>
/// The account's standing from account/info (which sends nothing). Answers are reused for
/// Kavenegar:CreditCacheDuration so that readiness probes do not call Kavenegar on every request.
/// </summary>
internal sealed class KavenegarAccount(
    KavenegarGateway gateway,
    IOptions<KavenegarOptions> kavenegar,
    IOptions<SmsOptions> sms,
    TimeProvider clock) : ISmsProviderAccount
{
    private SmsAccountStatus? _last;

    public long LowCreditThreshold => kavenegar.Value.LowCreditThreshold;

    public async Task<SmsAccountStatus> GetStatusAsync(bool fresh, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (sms.Value.Provider != SmsProvider.Kavenegar)
            return new SmsAccountStatus(false, false, null, null, null, "the Log sender has no account", now);
        if (!kavenegar.Value.HasApiKey)
            return new SmsAccountStatus(true, false, null, null, null, "API key not set", now);

        var last = Volatile.Read(ref _last);
        if (!fresh && last is not null && now - last.CheckedAt < kavenegar.Value.CreditCacheDuration)
            return last;

        var status = Read(await gateway.AccountInfoAsync(cancellationToken), now);
        Volatile.Write(ref _last, status);
        return status;
    }

    private static SmsAccountStatus Read(KavenegarResult result, DateTimeOffset now)
    {
        if (result.Answer is not { } answer)
            return new SmsAccountStatus(true, false, null, null, null, result.Reason, now);
        if (!answer.IsOk)
            return new SmsAccountStatus(true, true, answer.Status, null, null, result.Reason, now);

        var entries = answer.Entries;
        long? credit = entries.ValueKind == JsonValueKind.Object && entries.TryGetProperty("remaincredit", out var c) && c.TryGetInt64(out var r) ? r : null;
        DateTimeOffset? expires = entries.ValueKind == JsonValueKind.Object && entries.TryGetProperty("expiredate", out var e) && e.TryGetInt64(out var x)
            ? DateTimeOffset.FromUnixTimeSeconds(x)
            : null;
        return credit is null
            ? new SmsAccountStatus(true, true, answer.Status, null, expires, "account/info had no remaincredit", now)
            : new SmsAccountStatus(true, true, answer.Status, credit, expires, null, now);
    }
}
