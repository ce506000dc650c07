using Microsoft.EntityFrameworkCore;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Accounts;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;
using Pilito.Infrastructure.Identity;

namespace Pilito.Infrastructure.Persistence.GroupCommit;

/// <summary>A verification's view of the database: tracked entities on the write round's context and transaction.</summary>
internal sealed class EfVerificationRound(PilitoDbContext db, PhoneSignIn signIn) : IVerificationRound
{
    public Task<int> CountFailuresSinceAsync(PhoneNumber phone, DateTimeOffset since, int max, CancellationToken cancellationToken) =>
        db.VerifyFailures.Where(f => f.PhoneNumber == phone.E164 && f.OccurredAt > since).Take(max).CountAsync(cancellationToken);

    public Task<OtpToken?> FindNewestTokenAsync(PhoneNumber phone, CancellationToken cancellationToken) =>
        db.OtpTokens
            .Where(t => t.Phone == phone)
            .OrderByDescending(t => t.CreatedAt)
            .ThenByDescending(t => t.Id)
            .FirstOrDefaultAsync(cancellationToken);

    public void RecordFailure(PhoneNumber phone, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(phone);
        db.VerifyFailures.Add(new VerifyFailure { PhoneNumber = phone.E164, OccurredAt = at });
    }

    public Task<UserSignIn> SignInAsync(PhoneNumber phone, DateTimeOffset now, CancellationToken cancellationToken) =>
        signIn.SignInAsync(phone, now);

    public void AddRefreshToken(RefreshToken token) => db.RefreshTokens.Add(token);

    /// <summary>Writes what the verification changed and forgets it: the round's next write reads afresh.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }
}
