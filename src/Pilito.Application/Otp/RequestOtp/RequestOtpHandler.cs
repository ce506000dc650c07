using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Errors;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Application.Common.Telemetry;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Application.Otp.RequestOtp;

public sealed class RequestOtpHandler(
    IOtpIssuance issuance,
    ISmsSender sms,
    IOtpCodeHasher hasher,
    IOptions<OtpOptions> options,
    TimeProvider clock,
    OtpMetrics metrics,
    ILogger<RequestOtpHandler> logger) : ICommandHandler<RequestOtpCommand, RequestOtpResult>
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    public async ValueTask<RequestOtpResult> Handle(RequestOtpCommand command, CancellationToken cancellationToken)
    {
        var otp = options.Value;
        var phone = PhoneNumber.Parse(command.PhoneNumber); // the validator has accepted it
        if (!sms.IsConfigured)
        {
            metrics.RequestRefused("not_configured");
            throw new SmsNotConfiguredException();
        }

        var code = OtpCode.Generate(otp.CodeLength);
        var now = clock.GetUtcNow();
        var token = OtpToken.Issue(phone, hasher.Hash(phone, code), now, otp.Lifetime, command.ClientIp);
        var limits = new OtpLimits(otp.MaxSendsPerWindow, now - otp.SendWindow, command.ClientIp, otp.MaxSendsPerIpPerHour, otp.MaxSendsPerHour, now - Hour);
        var admission = await issuance.AddWithinLimitsAsync(token, limits, cancellationToken);
        if (!admission.Admitted)
            throw Refuse(admission, phone, command.ClientIp, otp, now);

        // The token is committed before the SMS leaves, so a crash mid-send never loses a code that was sent.
        // The send itself is not cancelled with the request: a half-made provider call may already have cost an SMS.
        var started = clock.GetTimestamp();
        var result = await sms.SendOtpAsync(phone, code, CancellationToken.None);
        metrics.SendCompleted(result, clock.GetElapsedTime(started));
        await issuance.SaveDeliveryAsync(token, result.Report, clock.GetUtcNow(), CancellationToken.None);
        if (!result.Accepted)
            throw new SmsDeliveryFailedException(result.Failure ?? SmsFailureKind.Unavailable, result.Report.ProviderError ?? "unknown error");

        return new RequestOtpResult(phone, otp.Lifetime, otp.ShouldRevealCodes ? code : null);
    }

    private Exception Refuse(OtpAdmission admission, PhoneNumber phone, string? clientIp, OtpOptions otp, DateTimeOffset now)
    {
        var oldest = admission.OldestInWindow ?? now;
        switch (admission.Refusal)
        {
            case OtpRefusal.Budget:
                // An alert: either real traffic outgrew Otp:MaxSendsPerHour or someone is pumping SMS.
                logger.LogCritical("SMS budget of {Budget} codes per hour spent: OTP sending is paused", otp.MaxSendsPerHour);
                metrics.RequestRefused("budget_exhausted");
                return new SmsBudgetExhaustedException(RetryAfter(oldest, Hour, now));
            case OtpRefusal.Address:
                logger.LogWarning("OTP request from {ClientIp} refused: {Limit} codes per hour from one address", clientIp, otp.MaxSendsPerIpPerHour);
                metrics.RequestRefused("address_limited");
                return new AddressRateLimitedException(RetryAfter(oldest, Hour, now));
            default:
                logger.LogInformation("OTP request for {Phone} refused: {Limit} codes per {Window} reached", phone, otp.MaxSendsPerWindow, otp.SendWindow);
                metrics.RequestRefused("rate_limited");
                return new OtpRateLimitedException(otp.SendWindow, RetryAfter(oldest, otp.SendWindow, now));
        }
    }

    private static TimeSpan RetryAfter(DateTimeOffset oldestInWindow, TimeSpan window, DateTimeOffset now)
    {
        var wait = oldestInWindow + window - now;
        return wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
    }
}
