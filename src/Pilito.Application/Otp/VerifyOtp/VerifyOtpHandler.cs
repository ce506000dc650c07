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
    IOtpTokenStore store,
    IOtpCodeHasher hasher,
    IUserAccounts users,
    IVerifyFailureLog failures,
    SessionIssuer sessions,
    IOptions<OtpOptions> options,
    TimeProvider clock,
    OtpMetrics metrics,
    ILogger<VerifyOtpHandler> logger) : ICommandHandler<VerifyOtpCommand, VerifyOtpResult>
{
    // Each retry follows a write by a concurrent verify of the same token; a handful always settles it.
    private const int MaxConcurrencyRetries = 10;
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    public async ValueTask<VerifyOtpResult> Handle(VerifyOtpCommand command, CancellationToken cancellationToken)
    {
        var phone = PhoneNumber.Parse(command.PhoneNumber); // the validator has accepted it
        var code = OtpCode.Normalize(command.Code) ?? throw new InvalidOtpException();
        var hash = hasher.Hash(phone, code);
        var started = clock.GetUtcNow();
        var cap = options.Value.MaxVerifyFailuresPerPhonePerHour;
        if (await failures.CountSinceAsync(phone, started - Hour, cap, cancellationToken) >= cap)
            throw new VerifyCapReachedException(Hour);

        var outcome = await VerifyNewestTokenAsync(phone, hash, cancellationToken);
        if (outcome != VerifyOutcome.Verified)
            await failures.RecordAsync(phone, started, cancellationToken);
        logger.LogInformation("OTP verification for {Phone}: {Outcome}", phone, outcome);
        metrics.Verified(outcome);
        switch (outcome)
        {
            case VerifyOutcome.Verified:
                break;
            case VerifyOutcome.Locked:
                throw new OtpLockedException();
            default:
                throw new InvalidOtpException();
        }

        var now = clock.GetUtcNow();
        var signIn = await users.SignInAsync(phone, now, cancellationToken);
        if (signIn.User.IsLocked)
            throw new AccountLockedException();
        var session = await sessions.StartAsync(signIn.User, now, cancellationToken);
        return new VerifyOtpResult(session, signIn.IsNewUser);
    }

    // Optimistic concurrency: a verify that lost the race to another one re-reads the token and tries again,
    // so a code succeeds once however many requests carry it, across every process on the database.
    private async Task<VerifyOutcome> VerifyNewestTokenAsync(PhoneNumber phone, byte[] hash, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxConcurrencyRetries; attempt++)
        {
            var token = await store.FindNewestAsync(phone, cancellationToken);
            if (token is null)
                return VerifyOutcome.NotUsable;

            var outcome = token.TryVerify(hash, options.Value.MaxVerifyAttempts, clock.GetUtcNow());
            if (outcome is VerifyOutcome.NotUsable or VerifyOutcome.Locked)
                return outcome; // nothing changed on the token
            if (await store.TrySaveAsync(cancellationToken))
                return outcome;
        }

        throw new InvalidOperationException("OTP verification kept conflicting with concurrent requests.");
    }
}
