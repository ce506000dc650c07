using Pilito.Application.Common.Ports;
using Pilito.Domain.Signing;

namespace Pilito.Application.Tests.Support;

/// <summary>The signing-key table with its unique generation, shared by as many managers (instances) as a test makes.</summary>
internal sealed class InMemorySigningKeyStore : ISigningKeyStore
{
    private readonly Lock _lock = new();
    private readonly List<SigningKey> _keys = [];
    private int _barrierReads;

    public int Reads { get; private set; }

    /// <summary>Held open until this many reads have happened: makes instances read the same rows before either writes.</summary>
    public Barrier? ReadBarrier { get; set; }

    public IReadOnlyList<SigningKey> Keys
    {
        get
        {
            lock (_lock)
                return [.. _keys];
        }
    }

    public async Task<IReadOnlyList<SigningKey>> ListAsync(CancellationToken cancellationToken)
    {
        List<SigningKey> rows;
        lock (_lock)
        {
            Reads++;
            rows = [.. _keys];
        }

        // The first reads, one per participant, wait for each other; later reads (after the inserts) go straight on.
        if (ReadBarrier is { } barrier && Interlocked.Increment(ref _barrierReads) <= barrier.ParticipantCount)
            await Task.Run(() => barrier.SignalAndWait(TimeSpan.FromSeconds(5)), cancellationToken);

        return rows;
    }

    public Task<bool> TryAddAsync(SigningKey key, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_keys.Any(k => k.Generation == key.Generation))
                return Task.FromResult(false);
            _keys.Add(key);
            return Task.FromResult(true);
        }
    }

    public Task DeleteAsync(IReadOnlyCollection<string> keyIds, CancellationToken cancellationToken)
    {
        lock (_lock)
            _keys.RemoveAll(k => keyIds.Contains(k.Id));
        return Task.CompletedTask;
    }
}
