using Mediator;

namespace Pilito.Application.Otp.PurgeOtpTokens;

/// <param name="OlderThan">Age past which tokens go; Otp:Retention when null.</param>
public sealed record PurgeOtpTokensCommand(TimeSpan? OlderThan) : ICommand<PurgeOtpTokensResult>;

public sealed record PurgeOtpTokensResult(int Deleted, DateTimeOffset Cutoff);
