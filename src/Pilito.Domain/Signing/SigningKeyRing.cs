namespace Pilito.Domain.Signing;

/// <summary>
/// The rules of key rotation over the keys stored: which key signs, when a successor is due, which keys are published
/// and which may go. Pure: the same answer on every instance that reads the same rows at the same instant.
/// </summary>
public sealed class SigningKeyRing
{
    private readonly List<SigningKey> _keys;

    public SigningKeyRing(IEnumerable<SigningKey> keys, SigningKeyPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(keys);
        Policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _keys = [.. keys.OrderBy(k => k.Generation)];
    }

    public SigningKeyPolicy Policy { get; }

    public IReadOnlyList<SigningKey> Keys => _keys;

    /// <summary>The newest key that has activated; null before the first key exists.</summary>
    public SigningKey? Signing(DateTimeOffset now) => _keys.LastOrDefault(k => k.ActivatesAt <= now);

    /// <summary>
    /// A successor is due one activation delay before the newest key has signed for a whole rotation, so that it takes
    /// over on time. After a long stop it is due at once, and the overdue key keeps signing until the successor activates.
    /// </summary>
    public bool NeedsSuccessor(DateTimeOffset now) =>
        _keys.Count == 0 || now >= _keys[^1].ActivatesAt + Policy.Rotation - Policy.ActivationDelay;

    /// <summary>The next key's generation, and when it may start signing.</summary>
    public (int Generation, DateTimeOffset ActivatesAt) Successor(DateTimeOffset now) =>
        // The first key signs at once: no verifier can have cached a key set without it yet, and waiting would leave
        // a new deployment unable to sign anyone in for minutes.
        _keys.Count == 0 ? (1, now) : (_keys[^1].Generation + 1, now + Policy.ActivationDelay);

    /// <summary>Keys verifiers must know: the signing key, its successor-to-be and retired keys whose tokens may live.</summary>
    public IReadOnlyList<SigningKey> Published(DateTimeOffset now) => [.. _keys.Where(k => !IsSpent(k, now))];

    /// <summary>Keys no live token can name any more: they may be deleted.</summary>
    public IReadOnlyList<SigningKey> Spent(DateTimeOffset now) => [.. _keys.Where(k => IsSpent(k, now))];

    /// <summary>When the key stopped signing: its successor's activation, if that has come.</summary>
    public DateTimeOffset? RetiredAt(SigningKey key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        var successor = _keys.FirstOrDefault(k => k.Generation > key.Generation && k.ActivatesAt <= now);
        return successor?.ActivatesAt;
    }

    private bool IsSpent(SigningKey key, DateTimeOffset now) =>
        RetiredAt(key, now) is { } retired && now >= retired + Policy.KeepPublished;
}
