namespace Pilito.Domain.Signing;

/// <param name="Rotation">How long each key signs before its successor takes over.</param>
/// <param name="ActivationDelay">How long a new key is published before it signs (verifiers' caches catch up).</param>
/// <param name="KeepPublished">How long a key stays published after it stopped signing: the longest-lived token it
/// signed must still verify (access-token lifetime plus clock skew).</param>
public sealed record SigningKeyPolicy(TimeSpan Rotation, TimeSpan ActivationDelay, TimeSpan KeepPublished);
