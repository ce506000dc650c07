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
    IOtpTokenStore store,
    ISmsSender sms,
    IOtpCodeHasher hasher,
    IOptions<OtpOptions> options,
    TimeProvider clock,
    OtpMetrics metrics,
    ILogger<RequestOtpHandler> logger) : ICommandHandler<RequestOtpCommand, RequestOtpResult>
{
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
        var admission = await store.AddWithinLimitAsync(token, otp.MaxSendsPerWindow, now - otp.SendWindow, cancellationToken);
        if (!admission.Admitted)
        {
            logger.LogInformation("OTP request for {Phone} refused: {Limit} codes per {Window} reached", phone, otp.MaxSendsPerWindow, otp.SendWindow);
            metrics.RequestRefused("rate_limited");
            throw new OtpRateLimitedException(otp.SendWindow, RetryAfter(admission.OldestInWindow!.Value, otp.SendWindow, now));
        }

        // The token is committed before the SMS leaves, so a crash mid-send never loses a code that was sent.
        // The send itself is not cancelled with the request: a half-made provider call may already have cost an SMS.
        var started = clock.GetTimestamp();
        var result = await sms.SendOtpAsync(phone, code, CancellationToken.None);
        metrics.SendCompleted(result, clock.GetElapsedTime(started));
        await store.SaveDeliveryAsync(token, result.Report, clock.GetUtcNow(), CancellationToken.None);
        if (!result.Accepted)
            throw new SmsDeliveryFailedException(result.Failure ?? SmsFailureKind.Unavailable, result.Report.ProviderError ?? "unknown error");

        return new RequestOtpResult(phone, otp.Lifetime, otp.ShouldRevealCodes ? code : null);
    }

    private static TimeSpan RetryAfter(DateTimeOffset oldestInWindow, TimeSpan window, DateTimeOffset now)
    {
        var wait = oldestInWindow + window - now;
        return wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
    }
}
