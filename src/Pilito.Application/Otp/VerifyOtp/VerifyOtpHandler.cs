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
    public async ValueTask<VerifyOtpResult> Handle(VerifyOtpCommand command, CancellationToken cancellationToken)
    {
        var otp = options.Value;
        var phone = PhoneNumber.Parse(command.PhoneNumber); // the validator has accepted it
        var code = OtpCode.Normalize(command.Code) ?? throw new InvalidOtpException();
        var network = ClientNetwork.Of(command.ClientIp, otp.Ipv6PrefixLength);
        var attempt = new Attempt(
            new CodeAttempt(phone, hasher.Hash(phone, code), clock.GetUtcNow(), network, command.VerificationId),
            sessions.NewRefreshToken(),
            MayCreateAccount: otp.AllowSignUp && command.CreateUser != false);

        // Checking the code, recording a failure, signing in and storing the refresh token commit together: a code
        // succeeds once however many requests carry it, across every process on the database.
        var settled = await writer.RunAsync(phone, CodeCheck.CountsRead(attempt.Code), (transaction, ct) => SettleAsync(transaction, attempt, ct), cancellationToken);
        CodeCheck.Conclude(settled.Code, attempt.Code, otp, metrics, logger);
        if (settled.SignIn is not { } signIn)
        {
            // The code was right and is spent; nothing else was written.
            logger.LogInformation("OTP verification for {Phone}: no account, and sign-up is off for this request", phone);
            metrics.VerifyRefused("no_account");
            throw new NoAccountException();
        }

        if (signIn.User.IsLocked)
            throw new AccountLockedException();
        var session = await sessions.StartAsync(attempt.Refresh, attempt.Refresh.FamilyId, signIn.User, attempt.Code.At, cancellationToken);
        return new VerifyOtpResult(session, signIn.IsNewUser);
    }

    /// <summary>The shared caps and code check (<see cref="CodeCheck"/>), then the sign-in with its new refresh family.</summary>
    private async Task<Settlement> SettleAsync(IOtpTransaction transaction, Attempt attempt, CancellationToken cancellationToken)
    {
        var code = await CodeCheck.RunAsync(transaction, attempt.Code, options.Value, events, cancellationToken);
        if (!code.Verified)
            return new Settlement(code, null);

        var at = attempt.Code.At;
        var signIn = await SignInAsync(transaction, attempt.Code.Phone, at, attempt.MayCreateAccount, cancellationToken);
        events.OtpVerified(transaction, code.Token!, signIn?.User.Id, at);
        if (signIn is { IsNewUser: true })
            events.UserCreated(transaction, signIn.User.Id, attempt.Code.Phone.E164, at);
        if (signIn is { User.IsLocked: false })
            transaction.Add(sessions.StartFamily(attempt.Refresh, signIn.User.Id, at));
        return new Settlement(code, signIn);
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

    private sealed record Attempt(CodeAttempt Code, PendingRefresh Refresh, bool MayCreateAccount);

    private sealed record Settlement(CheckedCode Code, UserSignIn? SignIn);
}
