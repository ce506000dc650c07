using Microsoft.EntityFrameworkCore;
using Pilito.Application.Common.Ports;
using Pilito.Domain.Phones;

namespace Pilito.Infrastructure.Persistence;

internal sealed class VerifyFailureLog(PilitoDbContext db) : IVerifyFailureLog
{
    public Task<int> CountSinceAsync(PhoneNumber phone, DateTimeOffset since, int max, CancellationToken cancellationToken) =>
        db.VerifyFailures.Where(f => f.PhoneNumber == phone.E164 && f.OccurredAt > since).Take(max).CountAsync(cancellationToken);

    // Only the new row is pending here: the verify saved or discarded its token changes before this runs.
    public async Task RecordAsync(PhoneNumber phone, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        db.VerifyFailures.Add(new VerifyFailure { PhoneNumber = phone.E164, OccurredAt = at });
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task<int> DeleteBatchBeforeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken) =>
        db.VerifyFailures.Where(f => f.OccurredAt < cutoff).OrderBy(f => f.OccurredAt).Take(batchSize).ExecuteDeleteAsync(cancellationToken);
}
