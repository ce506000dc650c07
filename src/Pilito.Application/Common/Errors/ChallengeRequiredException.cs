using Pilito.Application.Common.Ports;

namespace Pilito.Application.Common.Errors;

/// <summary>The request must come again with this challenge solved (Challenge:Enabled, under pressure).</summary>
public sealed class ChallengeRequiredException(ProofOfWorkChallenge challenge)
    : PilitoException("Please solve the challenge and send the request again.")
{
    public ProofOfWorkChallenge Challenge { get; } = challenge;
}
