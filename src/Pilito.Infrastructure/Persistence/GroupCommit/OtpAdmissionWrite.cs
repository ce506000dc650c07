using Pilito.Application.Common.Ports;
using Pilito.Domain.Otp;

namespace Pilito.Infrastructure.Persistence.GroupCommit;

/// <summary>Admits a new code if the service budget, the client address's limit and the phone's window allow it.</summary>
internal sealed class OtpAdmissionWrite(OtpToken token, OtpLimits limits) : PendingWrite<OtpAdmission>
{
    protected override bool CanJoin(WriteRound round) => round.TryClaimPhone(token.Phone);

    protected override async Task<OtpAdmission> StageCoreAsync(WriteRound round, CancellationToken cancellationToken)
    {
        var service = await round.SendCountsAsync(OtpSendCount.ServiceScope, string.Empty, limits.HourStart, cancellationToken);
        if (service.CountSince(limits.HourStart) >= limits.MaxOverall)
            return OtpAdmission.Refused(OtpRefusal.Budget, service.OldestSince(limits.HourStart));

        SendCountWindow? address = null;
        if (limits.ClientIp is { } ip)
        {
            address = await round.SendCountsAsync(OtpSendCount.AddressScope, ip, limits.HourStart, cancellationToken);
            if (address.CountSince(limits.HourStart) >= limits.MaxPerAddress)
                return OtpAdmission.Refused(OtpRefusal.Address, address.OldestSince(limits.HourStart));
        }

        var tokens = await round.RecentOrUnusedTokensAsync(token.Phone, limits.PhoneWindowStart, cancellationToken);
        var recent = tokens.Where(t => t.CreatedAt > limits.PhoneWindowStart).Select(t => t.CreatedAt).Order().ToList();
        if (recent.Count >= limits.MaxPerPhone)
            return OtpAdmission.Refused(OtpRefusal.Phone, recent[0]);

        foreach (var earlier in tokens)
            earlier.Supersede();
        round.Db.OtpTokens.Add(token);
        service.Add(token.CreatedAt);
        address?.Add(token.CreatedAt);
        return OtpAdmission.Accepted;
    }
}
