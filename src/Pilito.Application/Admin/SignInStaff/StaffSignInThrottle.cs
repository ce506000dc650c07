using Microsoft.Extensions.Options;
using Pilito.Application.Common.Errors;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Writes;

namespace Pilito.Application.Admin.SignInStaff;

/// <summary>
/// Limits failed staff sign-ins per client network and per email from that network, never per account alone: a
/// stranger who fails a thousand times pauses his own network, not the staff member's sign-in from hers.
/// </summary>
/// <remarks>
/// Each attempt is counted as a failure before its password is checked, in one transaction with the check of the
/// limits, and given back once it succeeded. Counting after the check would let a burst of parallel attempts all pass
/// the limit before the first failure is stored; an attempt cut off half-way stays counted, on the safe side.
/// </remarks>
public sealed class StaffSignInThrottle(IOtpWriter writer, IOptions<StaffSignInOptions> options, IOptions<OtpOptions> otp, TimeProvider clock)
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <returns>The attempt's reservation; with a <see cref="StaffSignInReservation.RetryAfter"/>, it was refused and counts nothing.</returns>
    public async Task<StaffSignInReservation> ReserveAsync(string email, string? clientIp, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var network = ClientNetwork.Of(clientIp, otp.Value.Ipv6PrefixLength);
        var reservation = new StaffSignInReservation(CountScope.StaffSignInAddress(network), CountScope.StaffSignInAccount(email, network), now, network);
        var freesUpAt = await writer.RunAsync(null, (transaction, ct) => ReserveAsync(transaction, reservation, ct), cancellationToken);
        return freesUpAt is { } at ? reservation with { RetryAfter = RetryAfter.Until(at, now) } : reservation;
    }

    /// <summary>Gives back the attempt's count once its password was right.</summary>
    public Task ReleaseAsync(StaffSignInReservation reservation)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        if (reservation.RetryAfter is not null)
            throw new ArgumentException("A refused attempt counted nothing to give back.", nameof(reservation));
        // A follow-up: the session has started, so its reservation must be given back even when the queue is full.
        return writer.RunFollowUpAsync(null, async (transaction, ct) =>
        {
            (await transaction.FindCountsAsync(reservation.Address, reservation.At, ct)).Withdraw(reservation.At);
            (await transaction.FindCountsAsync(reservation.Account, reservation.At, ct)).Withdraw(reservation.At);
            return true;
        });
    }

    /// <returns>Null when the attempt is admitted and counted; otherwise when the first limit reached frees up.</returns>
    private async Task<DateTimeOffset?> ReserveAsync(IOtpTransaction transaction, StaffSignInReservation reservation, CancellationToken cancellationToken)
    {
        var now = reservation.At;
        var limits = options.Value;
        var address = await transaction.FindCountsAsync(reservation.Address, now - Hour, cancellationToken);
        var account = await transaction.FindCountsAsync(reservation.Account, now - StaffSignInOptions.AccountWindow, cancellationToken);
        DateTimeOffset? freesUpAt = null;
        if (address.CountSince(now - Hour) >= limits.MaxFailedSignInsPerAddressPerHour)
            freesUpAt = address.FreesUpAt(now - Hour) + Hour;
        if (account.CountSince(now - StaffSignInOptions.AccountWindow) >= limits.MaxFailedSignInsPerAccountPerAddress)
            freesUpAt = Later(freesUpAt, account.FreesUpAt(now - StaffSignInOptions.AccountWindow) + StaffSignInOptions.AccountWindow);
        if (freesUpAt is not null)
            return freesUpAt;

        address.Add(now);
        account.Add(now);
        return null;
    }

    private static DateTimeOffset Later(DateTimeOffset? a, DateTimeOffset b) => a is { } first && first > b ? first : b;
}
