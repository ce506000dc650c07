namespace Pilito.Application.Common.Ports;

/// <summary>
/// Failed verifications per phone, kept for the hourly cap whether or not the phone has an account or a code
/// (counted and recorded inside the verification's transaction, through <see cref="Writes.IOtpTransaction"/>).
/// </summary>
public interface IVerifyFailureLog
{
    /// <summary>Deletes up to <paramref name="batchSize"/> failures older than <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> DeleteBatchBeforeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken);
}
