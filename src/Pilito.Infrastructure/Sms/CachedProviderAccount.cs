using Microsoft.Extensions.Logging;
using Pilito.Application.Common.Ports;

namespace Pilito.Infrastructure.Sms;

/// <summary>
/// A provider account's standing, asked of the provider (a call that sends nothing) and reused for a while; one
/// question at a time is in flight. Readiness probes read the last answer and never wait on the provider, so a hanging
/// provider cannot take every instance out of the load balancer.
/// </summary>
internal abstract class CachedProviderAccount(TimeProvider clock, ILogger logger) : ISmsProviderAccount
{
    private const string NotCheckedYet = "not checked yet";
    private readonly object _flight = new();
    private SmsAccountStatus? _last;
    private Task<SmsAccountStatus>? _inFlight;

    public abstract string Provider { get; }

    public abstract string CreditUnit { get; }

    public abstract long LowCreditThreshold { get; }

    /// <summary>How long an answer is reused before the provider is asked again.</summary>
    protected abstract TimeSpan CacheDuration { get; }

    protected TimeProvider Clock => clock;

    public async Task<SmsAccountStatus> GetStatusAsync(bool fresh, CancellationToken cancellationToken)
    {
        if (Immediate() is { } immediate)
            return immediate;
        var last = Volatile.Read(ref _last);
        if (!fresh && last is not null && IsRecent(last))
            return last;
        // The shared question is bounded by the provider's timeout; a caller who stops waiting leaves it to finish for the others.
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

    /// <summary>What needs no question to the provider (no key, not listed); null to ask it.</summary>
    protected abstract SmsAccountStatus? Immediate();

    /// <summary>The provider's answer as a status; never throws for what the provider says.</summary>
    protected abstract Task<SmsAccountStatus> AskProviderAsync();

    protected SmsAccountStatus Status(bool applicable, string problem) => new(applicable, false, null, null, null, problem, clock.GetUtcNow());

    private bool IsRecent(SmsAccountStatus status) => clock.GetUtcNow() - status.CheckedAt < CacheDuration;

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
            status = await AskProviderAsync();
        }
#pragma warning disable CA1031 // a background question must record its failure, never throw it at nobody
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogWarning("{Provider} account check failed: {Reason}", Provider, e.GetType().Name);
            status = Status(true, $"account check failed ({e.GetType().Name})");
        }

        Volatile.Write(ref _last, status);
        return status;
    }
}
