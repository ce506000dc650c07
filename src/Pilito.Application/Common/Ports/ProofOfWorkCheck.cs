using System.Diagnostics.CodeAnalysis;

namespace Pilito.Application.Common.Ports;

/// <summary>The verdict on a proof-of-work payload: valid with its single-use key, or the reason it is not.</summary>
public sealed record ProofOfWorkCheck
{
    private ProofOfWorkCheck(ProofOfWorkFailure? failure, string? singleUseKey, DateTimeOffset expiresAt)
    {
        Failure = failure;
        SingleUseKey = singleUseKey;
        ExpiresAt = expiresAt;
    }

    [MemberNotNullWhen(true, nameof(SingleUseKey))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsValid => Failure is null;

    /// <summary>Why the payload was refused; null when valid.</summary>
    public ProofOfWorkFailure? Failure { get; }

    /// <summary>
    /// The challenge's signature (64 lowercase hex characters, as computed here, not as sent): the same for every
    /// payload that solves one challenge, different for every challenge. Store it to make the challenge single use.
    /// Not a secret (the client has it), but no use to anyone once stored. Null when invalid.
    /// </summary>
    public string? SingleUseKey { get; }

    /// <summary>When the challenge expires: keep <see cref="SingleUseKey"/> until then. Default when invalid.</summary>
    public DateTimeOffset ExpiresAt { get; }

    public static ProofOfWorkCheck Valid(string singleUseKey, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(singleUseKey);
        return new(null, singleUseKey, expiresAt);
    }

    public static ProofOfWorkCheck Invalid(ProofOfWorkFailure failure) => new(failure, null, default);
}
