using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Ports;

namespace Pilito.Infrastructure.Sms.Kavenegar;

/// <summary>
/// The account's standing from account/info (which sends nothing). Answers are reused for
/// Kavenegar:CreditCacheDuration, and one question at a time is in flight: readiness probes read the last answer and
/// never wait on Kavenegar, so a hanging provider cannot take every instance out of the load balancer.
/// </summary>
internal sealed class KavenegarAccount(
    KavenegarGateway gateway,
    IOptions<KavenegarOptions> kavenegar,
    IOptions<SmsOptions> sms,
    TimeProvider clock,
    ILogger<KavenegarAccount> logger) : ISmsProviderAccount
{
    private const string NotCheckedYet = "not checked yet";
    private readonly object _flight = new();
    private SmsAccountStatus? _last;
    private Task<SmsAccountStatus>? _inFlight;

    public long LowCreditThreshold => kavenegar.Value.LowCreditThreshold;

    public async Task<SmsAccountStatus> GetStatusAsync(bool fresh, CancellationToken cancellationToken)
    {
        if (Immediate() is { } immediate)
            return immediate;
        var last = Volatile.Read(ref _last);
        if (!fresh && last is not null && IsRecent(last))
            return last;
        // The shared question is bounded by Kavenegar:Timeout; a caller who stops waiting leaves it to finish for the others.
        return await Refresh().WaitAsync(cancellationToken);
    }

    public SmsAccountStatus LastKnown()
    {
        if (Immediate() is { } immediate)
            return immediate;
        var last = Volatile.Read(ref _last);
        if (last is null || !IsRecent(last))
            _ = Refresh();
        return last ?? new SmsAccountStatus(true, false, null, null, null, NotCheckedYet, clock.GetUtcNow());
    }

    /// <summary>What needs no question to Kavenegar: no account with the Log sender, no answer without a key.</summary>
    private SmsAccountStatus? Immediate()
    {
        if (sms.Value.Provider != SmsProvider.Kavenegar)
            return new SmsAccountStatus(false, false, null, null, null, "the Log sender has no account", clock.GetUtcNow());
        return kavenegar.Value.HasApiKey ? null : new SmsAccountStatus(true, false, null, null, null, "API key not set", clock.GetUtcNow());
    }

    private bool IsRecent(SmsAccountStatus status) => clock.GetUtcNow() - status.CheckedAt < kavenegar.Value.CreditCacheDuration;

    /// <summary>The question in flight, or a new one: a lock of this instance's cache, not of any data another instance shares.</summary>
    private Task<SmsAccountStatus> Refresh()
    {
        lock (_flight)
        {
            if (_inFlight is { IsCompleted: false } running)
                return running;
            _inFlight = AskAsync();
            return _inFlight;
        }
    }

    private async Task<SmsAccountStatus> AskAsync()
    {
        await Task.Yield(); // the caller goes on at once; the question runs on the pool
        SmsAccountStatus status;
        try
        {
            status = Read(await gateway.AccountInfoAsync(CancellationToken.None), clock.GetUtcNow());
        }
#pragma warning disable CA1031 // a background question must record its failure, never throw it at nobody
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogWarning("Kavenegar account/info failed: {Reason}", e.GetType().Name);
            status = new SmsAccountStatus(true, false, null, null, null, $"account/info failed ({e.GetType().Name})", clock.GetUtcNow());
        }

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
