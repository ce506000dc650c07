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
