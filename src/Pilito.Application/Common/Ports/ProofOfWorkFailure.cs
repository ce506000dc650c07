namespace Pilito.Application.Common.Ports;

/// <summary>Why a proof-of-work payload was refused, in the order they are checked.</summary>
public enum ProofOfWorkFailure
{
    /// <summary>
    /// Not base64 of a JSON object with the five members of the right types, too long, or (once its signature is
    /// proved) a salt without a readable <c>expires</c>.
    /// </summary>
    Malformed,

    /// <summary>An algorithm other than SHA-256.</summary>
    WrongAlgorithm,

    /// <summary>The signature is not ours for this challenge: made up, altered or made under another key.</summary>
    BadSignature,

    /// <summary>SHA-256(salt + number) is not the challenge: a wrong number, or a salt altered after signing.</summary>
    WrongNumber,

    /// <summary>A genuine, solved challenge whose expiry has passed.</summary>
    Expired,
}
