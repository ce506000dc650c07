using Microsoft.EntityFrameworkCore;
using Pilito.Application.Common.Ports;

namespace Pilito.Infrastructure.Persistence;

internal sealed class VerifyFailureLog(PilitoDbContext db) : IVerifyFailureLog
{
    public Task<int> DeleteBatchBeforeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken) =>
        db.VerifyFailures.Where(f => f.OccurredAt < cutoff).OrderBy(f => f.OccurredAt).Take(batchSize).ExecuteDeleteAsync(cancellationToken);
}
