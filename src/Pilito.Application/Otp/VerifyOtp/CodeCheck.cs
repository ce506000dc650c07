using Microsoft.Extensions.Logging;
using Pilito.Application.Common.Errors;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Telemetry;
using Pilito.Application.Common.Writes;
using Pilito.Application.Webhooks;
using Pilito.Domain.Otp;

namespace Pilito.Application.Otp.VerifyOtp;

/// <summary>
/// The failure caps and the code check that every verification shares (a sign-in, a phone change), so a code meets
/// the same limits and locks whatever it is for: the client network's hourly failures first; an attempt with a
/// verification id reaches only the code that id was given for and counts against that code alone; one without
/// reaches the phone's newest code and counts against the phone's hourly and daily caps (docs/security.md).
/// </summary>
public static class CodeCheck
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>The windows <see cref="RunAsync"/> reads for <paramref name="attempt"/>, told to the writer ahead.</summary>
    public static IReadOnlyList<CountRead> CountsRead(CodeAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var address = new CountRead(CountScope.VerifyAddress(attempt.Network), attempt.At - Hour);
        return attempt.VerificationId is null ? [address, new CountRead(CountScope.VerifyPhone(attempt.Phone.E164), attempt.At - Day)] : [address];
    }

    /// <summary>Inside the write: checks the code and records a failure against the caps it met.</summary>
    /// <param name="events">Where a code's lock is reported (otp.locked), in the same write.</param>
    public static async Task<CheckedCode> RunAsync(
        IOtpTransaction transaction, CodeAttempt attempt, OtpOptions otp, WebhookEvents events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(otp);
        ArgumentNullException.ThrowIfNull(events);
        var hourStart = attempt.At - Hour;
        var address = await transaction.FindCountsAsync(CountScope.VerifyAddress(attempt.Network), hourStart, cancellationToken);
        if (address.CountSince(hourStart) >= otp.MaxVerifyFailuresPerIpPerHour)
            return CheckedCode.Refused(CodeRefusal.Address, address.FreesUpAt(hourStart) + Hour);

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
                return CheckedCode.Refused(CodeRefusal.Phone, phoneFailures.FreesUpAt(hourStart) + Hour);
            if (phoneFailures.CountSince(dayStart) >= otp.MaxVerifyFailuresPerPhonePerDay)
                return CheckedCode.Refused(CodeRefusal.Phone, phoneFailures.FreesUpAt(dayStart) + Day);
            token = await transaction.FindNewestTokenAsync(attempt.Phone, cancellationToken);
        }

        // The purpose is the domain's to check: a code issued for something else is simply not usable here.
        var wasLocked = token?.Status == OtpStatus.Locked;
        var outcome = token?.TryVerify(attempt.CodeHash, attempt.Kind, otp.MaxVerifyAttempts, attempt.At, attempt.PhoneChangeAccountId)
            ?? VerifyOutcome.NotUsable;
        if (outcome != VerifyOutcome.Verified)
        {
            address.Add(attempt.At);
            phoneFailures?.Add(attempt.At);
            if (!wasLocked && token?.Status == OtpStatus.Locked)
                events.OtpLocked(transaction, token, attempt.At);
            return new CheckedCode(outcome);
        }

        return new CheckedCode(outcome, Operator: token!.Operator) { Token = token };
    }

    /// <summary>After the write: logs and counts the outcome, and throws the contract's refusal unless the code verified.</summary>
    public static void Conclude(CheckedCode result, CodeAttempt attempt, OtpOptions otp, OtpMetrics metrics, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(otp);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(logger);
        switch (result.Refusal)
        {
            case CodeRefusal.Address:
                logger.LogWarning("OTP verification from {ClientNetwork} refused: {Limit} failures per hour from one network", attempt.Network, otp.MaxVerifyFailuresPerIpPerHour);
                metrics.VerifyRefused("address_limited");
                throw new AddressRateLimitedException(RetryAfter.Until(result.FreesUpAt ?? attempt.At, attempt.At));
            case CodeRefusal.Phone:
                metrics.VerifyRefused("phone_capped");
                throw new VerifyCapReachedException(RetryAfter.Until(result.FreesUpAt ?? attempt.At, attempt.At));
        }

        var purpose = attempt.PhoneChangeAccountId is null ? "sign-in" : "phone change";
        logger.LogInformation("OTP verification for {Phone} ({Purpose}): {Outcome} ({Attempt})", attempt.Phone, purpose, result.Outcome, attempt.Kind);
        metrics.Verified(result.Outcome);
        if (result.Verified)
        {
            metrics.CodeVerified(result.Operator); // as the code recorded it when it was requested, so the stages add up
            if (otp.TestCodeOf(attempt.Phone) is not null)
            {
                logger.LogInformation("OTP verification for test number {Phone} (Otp:TestNumbers)", attempt.Phone);
                metrics.TestNumberUsed("verified");
            }
        }

        switch (result.Outcome)
        {
            case VerifyOutcome.Verified:
                return;
            case VerifyOutcome.Locked:
                throw new OtpLockedException();
            default:
                throw new InvalidOtpException();
        }
    }
}
