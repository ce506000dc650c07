using Pilito.Application.Common.Ports;
using Pilito.Domain.Otp;

namespace Pilito.Infrastructure.Persistence.GroupCommit;

/// <summary>Admits a new code if the service budget, the client address's limit and the phone's window allow it.</summary>
internal sealed class OtpAdmissionWrite(OtpToken token, OtpLimits limits) : PendingWrite<OtpAdmission>
{
    private Func<long>? _storedId;

    protected override bool CanJoin(WriteRound round) => round.TryClaimPhone(token.Phone);

    protected override void OnCommitted()
    {
        if (_storedId is not null)
            token.Stored(_storedId());
    }

    protected override async Task<OtpAdmission> StageCoreAsync(WriteRound round, CancellationToken cancellationToken)
    {
        _storedId = null;
        var service = await round.SendCountsAsync(OtpSendCount.ServiceScope, string.Empty, limits.HourStart, cancellationToken);
        if (service.CountSince(limits.HourStart) >= limits.MaxOverall)
            return OtpAdmission.Refused(OtpRefusal.Budget, service.FreesUpAt(limits.HourStart));

        SendCountWindow? address = null;
        if (limits.ClientIp is { } ip)
        {
            address = await round.SendCountsAsync(OtpSendCount.AddressScope, ip, limits.HourStart, cancellationToken);
            if (address.CountSince(limits.HourStart) >= limits.MaxPerAddress)
                return OtpAdmission.Refused(OtpRefusal.Address, address.FreesUpAt(limits.HourStart));
        }

        var recent = await round.CreationTimesAsync(token.Phone, limits.PhoneWindowStart, cancellationToken);
        if (recent.Count >= limits.MaxPerPhone)
            return OtpAdmission.Refused(OtpRefusal.Phone, recent[0]);

        _storedId = await round.IssueAsync(token, cancellationToken);
        service.Add(token.CreatedAt);
        address?.Add(token.CreatedAt);
        return OtpAdmission.Accepted;
    }
}
