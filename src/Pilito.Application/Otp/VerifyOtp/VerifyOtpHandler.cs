using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pilito.Application.Auth.Sessions;
using Pilito.Application.Common.Errors;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Application.Common.Telemetry;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Application.Otp.VerifyOtp;

public sealed class VerifyOtpHandler(
    IVerificationRounds rounds,
    IOtpCodeHasher hasher,
    SessionIssuer sessions,
    IOptions<OtpOptions> options,
    TimeProvider clock,
    OtpMetrics metrics,
    ILogger<VerifyOtpHandler> logger) : ICommandHandler<VerifyOtpCommand, VerifyOtpResult>
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    public async ValueTask<VerifyOtpResult> Handle(VerifyOtpCommand command, CancellationToken cancellationToken)
    {
        var phone = PhoneNumber.Parse(command.PhoneNumber); // the validator has accepted it
        var code = OtpCode.Normalize(command.Code) ?? throw new InvalidOtpException();
        var attempt = new Attempt(phone, hasher.Hash(phone, code), clock.GetUtcNow(), sessions.NewRefreshToken());

        // Checking the code, recording a failure, signing in and storing the refresh token commit together: a code
        // succeeds once however many requests carry it, across every process on the database.
        var settled = await rounds.RunAsync(phone, (round, ct) => SettleAsync(round, attempt, ct));
        if (settled.CapReached)
            throw new VerifyCapReachedException(Hour);

        logger.LogInformation("OTP verification for {Phone}: {Outcome}", phone, settled.Outcome);
        metrics.Verified(settled.Outcome);
        switch (settled.Outcome)
        {
            case VerifyOutcome.Verified:
                break;
            case VerifyOutcome.Locked:
                throw new OtpLockedException();
            default:
                throw new InvalidOtpException();
        }

        var signIn = settled.SignIn!;
        if (signIn.User.IsLocked)
            throw new AccountLockedException();
        return new VerifyOtpResult(sessions.Start(attempt.Refresh, signIn.User, attempt.At), signIn.IsNewUser);
    }

    private async Task<Settlement> SettleAsync(IVerificationRound round, Attempt attempt, CancellationToken cancellationToken)
    {
        var cap = options.Value.MaxVerifyFailuresPerPhonePerHour;
        if (await round.CountFailuresSinceAsync(attempt.Phone, attempt.At - Hour, cap, cancellationToken) >= cap)
            return Settlement.Capped;

        var token = await round.FindNewestTokenAsync(attempt.Phone, cancellationToken);
        var outcome = token?.TryVerify(attempt.CodeHash, options.Value.MaxVerifyAttempts, attempt.At) ?? VerifyOutcome.NotUsable;
        if (outcome != VerifyOutcome.Verified)
        {
            round.RecordFailure(attempt.Phone, attempt.At);
            return new Settlement(outcome, null);
        }

        var signIn = await round.SignInAsync(attempt.Phone, attempt.At, cancellationToken);
        if (!signIn.User.IsLocked)
            round.AddRefreshToken(sessions.StartFamily(attempt.Refresh, signIn.User.Id, attempt.At));
        return new Settlement(outcome, signIn);
    }

    private sealed record Attempt(PhoneNumber Phone, byte[] CodeHash, DateTimeOffset At, PendingRefresh Refresh);

    private sealed record Settlement(VerifyOutcome Outcome, UserSignIn? SignIn, bool CapReached = false)
    {
        public static Settlement Capped { get; } = new(VerifyOutcome.NotUsable, null, CapReached: true);
    }
}
