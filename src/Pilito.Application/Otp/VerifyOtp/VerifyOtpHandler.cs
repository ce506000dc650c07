using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pilito.Application.Auth.Sessions;
using Pilito.Application.Common.Errors;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Application.Common.Telemetry;
using Pilito.Application.Common.Writes;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Application.Otp.VerifyOtp;

public sealed class VerifyOtpHandler(
    IOtpWriter writer,
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
        var settled = await writer.RunAsync(phone, (transaction, ct) => SettleAsync(transaction, attempt, ct), cancellationToken);
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

    private async Task<Settlement> SettleAsync(IOtpTransaction transaction, Attempt attempt, CancellationToken cancellationToken)
    {
        var cap = options.Value.MaxVerifyFailuresPerPhonePerHour;
        if (await transaction.CountFailuresAsync(attempt.Phone, attempt.At - Hour, cap, cancellationToken) >= cap)
            return Settlement.Capped;

        var token = await transaction.FindNewestTokenAsync(attempt.Phone, cancellationToken);
        var outcome = token?.TryVerify(attempt.CodeHash, options.Value.MaxVerifyAttempts, attempt.At) ?? VerifyOutcome.NotUsable;
        if (outcome != VerifyOutcome.Verified)
        {
            transaction.AddFailure(attempt.Phone, attempt.At);
            return new Settlement(outcome, null);
        }

        var signIn = await SignInAsync(transaction, attempt.Phone, attempt.At, cancellationToken);
        if (!signIn.User.IsLocked)
            transaction.Add(sessions.StartFamily(attempt.Refresh, signIn.User.Id, attempt.At));
        return new Settlement(outcome, signIn);
    }

    /// <summary>Finds the phone's account or creates it on its first sign-in; a locked account's sign-in is not recorded.</summary>
    private static async Task<UserSignIn> SignInAsync(IOtpTransaction transaction, PhoneNumber phone, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var existing = await transaction.FindAccountAsync(phone, at, cancellationToken);
        var account = existing ?? transaction.AddAccount(phone, at);
        if (!account.IsLocked)
            transaction.RecordSignIn(account, at);
        return new UserSignIn(account, IsNewUser: existing is null);
    }

    private sealed record Attempt(PhoneNumber Phone, byte[] CodeHash, DateTimeOffset At, PendingRefresh Refresh);

    private sealed record Settlement(VerifyOutcome Outcome, UserSignIn? SignIn, bool CapReached = false)
    {
        public static Settlement Capped { get; } = new(VerifyOutcome.NotUsable, null, CapReached: true);
    }
}
