using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pilito.Application.Auth.Sessions;
using Pilito.Application.Common.Errors;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Application.Common.Telemetry;
using Pilito.Application.Common.Writes;
using Pilito.Application.Webhooks;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Application.Otp.VerifyOtp;

public sealed class VerifyOtpHandler(
    IOtpWriter writer,
    IOtpCodeHasher hasher,
    SessionIssuer sessions,
    WebhookEvents events,
    IOptions<OtpOptions> options,
    TimeProvider clock,
    OtpMetrics metrics,
    ILogger<VerifyOtpHandler> logger) : ICommandHandler<VerifyOtpCommand, VerifyOtpResult>
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public async ValueTask<VerifyOtpResult> Handle(VerifyOtpCommand command, CancellationToken cancellationToken)
    {
        var otp = options.Value;
        var phone = PhoneNumber.Parse(command.PhoneNumber); // the validator has accepted it
        var code = OtpCode.Normalize(command.Code) ?? throw new InvalidOtpException();
        var network = ClientNetwork.Of(command.ClientIp, otp.Ipv6PrefixLength);
        var attempt = new Attempt(phone, hasher.Hash(phone, code), clock.GetUtcNow(), sessions.NewRefreshToken(), network, command.VerificationId,
            MayCreateAccount: otp.AllowSignUp && command.CreateUser != false);

        // Checking the code, recording a failure, signing in and storing the refresh token commit together: a code
        // succeeds once however many requests carry it, across every process on the database.
        var settled = await writer.RunAsync(phone, (transaction, ct) => SettleAsync(transaction, attempt, ct), cancellationToken);
        switch (settled.Refusal)
        {
            case VerifyRefusal.Address:
                logger.LogWarning("OTP verification from {ClientNetwork} refused: {Limit} failures per hour from one network", network, otp.MaxVerifyFailuresPerIpPerHour);
                metrics.VerifyRefused("address_limited");
                throw new AddressRateLimitedException(RetryAfter.Until(settled.FreesUpAt ?? attempt.At, attempt.At));
            case VerifyRefusal.Phone:
                metrics.VerifyRefused("phone_capped");
                throw new VerifyCapReachedException(RetryAfter.Until(settled.FreesUpAt ?? attempt.At, attempt.At));
        }

        logger.LogInformation("OTP verification for {Phone}: {Outcome} ({Attempt})", phone, settled.Outcome, attempt.Kind);
        metrics.Verified(settled.Outcome);
        if (settled.Outcome == VerifyOutcome.Verified)
        {
            metrics.CodeVerified(settled.Operator); // as the code recorded it when it was requested, so the stages add up
            if (otp.TestCodeOf(phone) is not null)
            {
                logger.LogInformation("OTP verification for test number {Phone} (Otp:TestNumbers)", phone);
                metrics.TestNumberUsed("verified");
            }
        }
        switch (settled.Outcome)
        {
            case VerifyOutcome.Verified:
                break;
            case VerifyOutcome.Locked:
                throw new OtpLockedException();
            default:
                throw new InvalidOtpException();
        }

        if (settled.SignIn is not { } signIn)
        {
            // The code was right and is spent; nothing else was written.
            logger.LogInformation("OTP verification for {Phone}: no account, and sign-up is off for this request", phone);
            metrics.VerifyRefused("no_account");
            throw new NoAccountException();
        }

        if (signIn.User.IsLocked)
            throw new AccountLockedException();
        return new VerifyOtpResult(await sessions.StartAsync(attempt.Refresh, signIn.User, attempt.At, cancellationToken), signIn.IsNewUser);
    }

    /// <summary>
    /// The client network's hourly failures first. An attempt with a verification id reaches only the code that id was
    /// given for, and counts against that code alone; one without reaches the phone's newest code and counts against
    /// the phone's hourly and daily caps, which attempts with an id never meet (docs/security.md).
    /// </summary>
    private async Task<Settlement> SettleAsync(IOtpTransaction transaction, Attempt attempt, CancellationToken cancellationToken)
    {
        var otp = options.Value;
        var hourStart = attempt.At - Hour;
        var address = await transaction.FindCountsAsync(CountScope.VerifyAddress(attempt.Network), hourStart, cancellationToken);
        if (address.CountSince(hourStart) >= otp.MaxVerifyFailuresPerIpPerHour)
            return Settlement.Refused(VerifyRefusal.Address, address.FreesUpAt(hourStart) + Hour);

        CountWindow? phoneFailures = null;
        OtpToken? token;
        if (attempt.VerificationId is { } id)
        {
            // Another phone's handle finds nothing: it opens nothing here.
            token = await transaction.FindTokenByVerificationIdAsync(attempt.Phone, id, cancellationToken);
        }
        else
        {
            var dayStart = attempt.At - Day;
            phoneFailures = await transaction.FindCountsAsync(CountScope.VerifyPhone(attempt.Phone.E164), dayStart, cancellationToken);
            if (phoneFailures.CountSince(hourStart) >= otp.MaxVerifyFailuresPerPhonePerHour)
                return Settlement.Refused(VerifyRefusal.Phone, phoneFailures.FreesUpAt(hourStart) + Hour);
            if (phoneFailures.CountSince(dayStart) >= otp.MaxVerifyFailuresPerPhonePerDay)
                return Settlement.Refused(VerifyRefusal.Phone, phoneFailures.FreesUpAt(dayStart) + Day);
            token = await transaction.FindNewestTokenAsync(attempt.Phone, cancellationToken);
        }

        var wasLocked = token?.Status == OtpStatus.Locked;
        var outcome = token?.TryVerify(attempt.CodeHash, attempt.Kind, otp.MaxVerifyAttempts, attempt.At) ?? VerifyOutcome.NotUsable;
        if (outcome != VerifyOutcome.Verified)
        {
            address.Add(attempt.At);
            phoneFailures?.Add(attempt.At);
            if (!wasLocked && token?.Status == OtpStatus.Locked)
                events.OtpLocked(transaction, token, attempt.At);
            return new Settlement(outcome, null);
        }

        var signIn = await SignInAsync(transaction, attempt.Phone, attempt.At, attempt.MayCreateAccount, cancellationToken);
        events.OtpVerified(transaction, token!, signIn?.User.Id, attempt.At);
        if (signIn is { IsNewUser: true })
            events.UserCreated(transaction, signIn.User.Id, attempt.Phone.E164, attempt.At);
        if (signIn is null)
            return new Settlement(outcome, null) { Operator = token!.Operator };
        if (!signIn.User.IsLocked)
            transaction.Add(sessions.StartFamily(attempt.Refresh, signIn.User.Id, attempt.At));
        return new Settlement(outcome, signIn) { Operator = token!.Operator };
    }

    /// <summary>
    /// Finds the phone's account or creates it on its first sign-in (null when it has none and may not get one); a
    /// locked account's sign-in is not recorded.
    /// </summary>
    private static async Task<UserSignIn?> SignInAsync(
        IOtpTransaction transaction, PhoneNumber phone, DateTimeOffset at, bool mayCreate, CancellationToken cancellationToken)
    {
        var existing = await transaction.FindAccountAsync(phone, at, cancellationToken);
        if (existing is null && !mayCreate)
            return null;
        var account = existing ?? transaction.AddAccount(phone, at);
        if (!account.IsLocked)
            transaction.RecordSignIn(account, at);
        return new UserSignIn(account, IsNewUser: existing is null);
    }

    private sealed record Attempt(
        PhoneNumber Phone, byte[] CodeHash, DateTimeOffset At, PendingRefresh Refresh, ClientNetwork Network, string? VerificationId,
        bool MayCreateAccount)
    {
        public VerifyAttempt Kind => VerificationId is null ? VerifyAttempt.WithoutId : VerifyAttempt.WithId;
    }

    private enum VerifyRefusal
    {
        None,
        Address,
        Phone,
    }

    private sealed record Settlement(VerifyOutcome Outcome, UserSignIn? SignIn, VerifyRefusal Refusal = VerifyRefusal.None, DateTimeOffset? FreesUpAt = null)
    {
        /// <summary>The verified code's mobile operator, as recorded when it was requested.</summary>
        public string? Operator { get; init; }

        public static Settlement Refused(VerifyRefusal refusal, DateTimeOffset freesUpAt) => new(VerifyOutcome.NotUsable, null, refusal, freesUpAt);
    }
}
