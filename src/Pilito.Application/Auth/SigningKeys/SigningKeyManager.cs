using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Signing;

namespace Pilito.Application.Auth.SigningKeys;

/// <summary>
/// The ES256 key ring as this instance sees it: read from the database, rotated when the rules say so, cached briefly.
/// Every instance runs the same rules on the same rows; the database's unique generation decides which of two
/// instances rotating at once creates the key (the other reads it), so no lock spans instances.
/// </summary>
public sealed partial class SigningKeyManager(
    ISigningKeyStore store,
    ISigningKeyGenerator generator,
    IOptions<AuthOptions> options,
    TimeProvider clock,
    ILogger<SigningKeyManager> logger) : IDisposable
{
    /// <summary>How long a read of the ring is trusted: a key another instance adds is seen within this, well inside
    /// the activation delay, so every instance publishes a key before any instance signs with it.</summary>
    public static readonly TimeSpan CacheDuration = TimeSpan.FromMinutes(1);

    /// <summary>The least time between reads that an unknown kid can cause: junk tokens must not become database reads.</summary>
    public static readonly TimeSpan MinRefreshInterval = TimeSpan.FromSeconds(10);

    /// <summary>Tokens are accepted until exp plus the verifier's clock skew (JwtBearer's default is 5 minutes).</summary>
    public static readonly TimeSpan VerifierClockSkew = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1); // one reload at a time in this process: an economy, not the guarantee
    private volatile Snapshot? _snapshot;

    public SigningKeyPolicy Policy => new(options.Value.KeyRotation, AuthOptions.KeyActivationDelay,
        options.Value.AccessTokenLifetime + VerifierClockSkew);

    public async ValueTask<SigningKeySet> GetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_snapshot is { } fresh && fresh.IsFresh(now))
            return fresh.At(now);

        await _gate.WaitAsync(cancellationToken);
        try
        {
            now = clock.GetUtcNow();
            if (_snapshot is { } other && other.IsFresh(now))
                return other.At(now);
            var snapshot = await LoadAsync(now, cancellationToken);
            _snapshot = snapshot;
            return snapshot.At(now);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A token named a kid this instance does not know: read again soon, unless it read very recently.</summary>
    public void RequestRefresh()
    {
        if (_snapshot is { } snapshot && clock.GetUtcNow() - snapshot.LoadedAt >= MinRefreshInterval)
            _snapshot = snapshot with { Stale = true };
    }

    public void Dispose() => _gate.Dispose();

    private async Task<Snapshot> LoadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var policy = Policy;
        var ring = new SigningKeyRing(await store.ListAsync(cancellationToken), policy);
        if (ring.NeedsSuccessor(now))
        {
            var (generation, activatesAt) = ring.Successor(now);
            var key = SigningKey.Create(generation, generator.Generate(), now, activatesAt);
            if (await store.TryAddAsync(key, cancellationToken))
                LogKeyCreated(key.Id, key.Generation, activatesAt);
            // Ours or the one another instance stored first: either way, the rows decide.
            ring = new SigningKeyRing(await store.ListAsync(cancellationToken), policy);
        }

        if (ring.Spent(now) is { Count: > 0 } spent)
        {
            await store.DeleteAsync([.. spent.Select(k => k.Id)], cancellationToken);
            LogKeysDeleted(spent.Count);
            ring = new SigningKeyRing(ring.Keys.Except(spent), policy);
        }

        return new Snapshot(ring, now, Stale: false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created access-token signing key {KeyId} (generation {Generation}); it signs from {ActivatesAt:o}")]
    private partial void LogKeyCreated(string keyId, int generation, DateTimeOffset activatesAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} signing keys that no live token can name")]
    private partial void LogKeysDeleted(int count);

    private sealed record Snapshot(SigningKeyRing Ring, DateTimeOffset LoadedAt, bool Stale)
    {
        public bool IsFresh(DateTimeOffset now) => !Stale && now >= LoadedAt && now - LoadedAt < CacheDuration
            && !Ring.NeedsSuccessor(now) && Ring.Signing(now) is not null;

        // Signing is null only if another instance's clock put the first key's activation in our future: sign with the
        // oldest key then rather than refuse every sign-in.
        public SigningKeySet At(DateTimeOffset now) => new(Ring.Signing(now) ?? Ring.Keys[0], Ring.Published(now));
    }
}
