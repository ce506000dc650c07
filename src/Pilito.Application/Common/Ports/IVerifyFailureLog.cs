using Pilito.Domain.Phones;

namespace Pilito.Application.Common.Ports;

/// <summary>Failed verifications per phone, kept for the hourly cap whether or not the phone has an account or a code.</summary>
public interface IVerifyFailureLog
{
    /// <summary>Failures since <paramref name="since"/>, counted up to <paramref name="max"/>.</summary>
    Task<int> CountSinceAsync(PhoneNumber phone, DateTimeOffset since, int max, CancellationToken cancellationToken);

    Task RecordAsync(PhoneNumber phone, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="batchSize"/> failures older than <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> DeleteBatchBeforeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken);
}
