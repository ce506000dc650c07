using Microsoft.Extensions.Options;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Application.Common.Writes;

namespace Pilito.Application.Otp.RequestOtp;

/// <summary>
/// The optional proof-of-work in front of the code-request limits (Challenge:*, docs/security.md): under pressure a
/// request must carry a solved challenge, and a solution is spent in the request's own transaction, so it lets one
/// request through across every instance. It never lifts a limit: the handler checks those first.
/// </summary>
public sealed class ChallengeGate(IProofOfWork proofOfWork, IOptions<ChallengeOptions> options)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    public bool Enabled => options.Value.Enabled;

    /// <summary>The solution the client sent, checked (pure CPU, before the transaction); null when off or none came.</summary>
    public ProofOfWorkCheck? Check(string? payload) => Enabled && payload is not null ? proofOfWork.Check(payload) : null;

    /// <summary>A new challenge for the 428 answer.</summary>
    public ProofOfWorkChallenge NewChallenge() => proofOfWork.CreateChallenge();

    /// <summary>Some limit is past Challenge:PressureShare of itself, or the phone's resend waits have begun.</summary>
    public bool UnderPressure(OtpOptions otp, DateTimeOffset hourStart, CodeRequestCounts counts, int phoneCodesToday)
    {
        ArgumentNullException.ThrowIfNull(otp);
        ArgumentNullException.ThrowIfNull(counts);
        var share = options.Value.PressureShare;
        return counts.Service.CountSince(hourStart) >= share * otp.MaxSendsPerHour
            || counts.Prefix.CountSince(hourStart) >= share * otp.MaxSendsPerPrefixPerHour
            || counts.Address.CountSince(hourStart) >= share * otp.MaxSendsPerIpPerHour
            || phoneCodesToday >= otp.MaxSendsPerWindow;
    }

    /// <summary>Spends a valid, unspent solution in <paramref name="transaction"/>; false when there is none.</summary>
    public async Task<bool> TrySpendAsync(IOtpTransaction transaction, ProofOfWorkCheck? solution, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (solution is null || !solution.IsValid)
            return false;

        // A key is kept as a count past the challenge's lifetime: the check itself refuses the payload after that.
        var since = at - options.Value.Lifetime - Minute;
        var spent = await transaction.FindCountsAsync(CountScope.SpentChallenge(solution.SingleUseKey), since, cancellationToken);
        if (spent.CountSince(since) > 0)
            return false;
        spent.Add(at);
        return true;
    }
}

/// <summary>The hourly counts a code request is admitted against, as its transaction read them.</summary>
public sealed record CodeRequestCounts(CountWindow Service, CountWindow Prefix, CountWindow Address);
