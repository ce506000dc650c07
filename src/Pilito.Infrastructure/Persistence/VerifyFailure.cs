namespace Pilito.Infrastructure.Persistence;

/// <summary>One failed verification of a phone (wrong, expired or missing code), for the hourly cap.</summary>
public sealed class VerifyFailure
{
    public long Id { get; set; }
    public required string PhoneNumber { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
}
