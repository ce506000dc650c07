using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Errors;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Application.Common.Telemetry;
using Pilito.Application.Common.Writes;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Application.Otp.RequestOtp;

public sealed class RequestOtpHandler(
    IOtpWriter writer,
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
        var request = new CodeRequest(phone, hasher.Hash(phone, code), clock.GetUtcNow(), command.ClientIp);
        var admission = await writer.RunAsync(phone, (transaction, ct) => AdmitAsync(transaction, request, ct), cancellationToken);
        if (admission.Token is not { } token)
            throw Refuse(admission, phone, command.ClientIp, otp, request.At);

        // The token is committed before the SMS leaves, so a crash mid-send never loses a code that was sent.
        // The send itself is not cancelled with the request: a half-made provider call may already have cost an SMS.
        var started = clock.GetTimestamp();
        var result = await sms.SendOtpAsync(phone, code, CancellationToken.None);
        metrics.SendCompleted(result, clock.GetElapsedTime(started));
        await RecordDeliveryAsync(token.Id, result.Report, clock.GetUtcNow());
        if (!result.Accepted)
            throw new SmsDeliveryFailedException(result.Failure ?? SmsFailureKind.Unavailable, result.Report.ProviderError ?? "unknown error");

        return new RequestOtpResult(phone, otp.Lifetime, otp.ShouldRevealCodes ? code : null);
    }

    /// <summary>
    /// The service's hourly budget, then the client address's hourly limit, then the phone's window (both hourly
    /// limits count whole minutes, so an "hour" may reach a minute further back); when all pass, the phone's
    /// unused codes are superseded and the new one stored, in the same transaction.
    /// </summary>
    private async Task<OtpAdmission> AdmitAsync(IOtpTransaction transaction, CodeRequest request, CancellationToken cancellationToken)
    {
        var otp = options.Value;
        var hourStart = request.At - Hour;
        var service = await transaction.FindSendCountsAsync(SendScope.Service, hourStart, cancellationToken);
        if (service.CountSince(hourStart) >= otp.MaxSendsPerHour)
            return OtpAdmission.Refused(OtpRefusal.Budget, service.FreesUpAt(hourStart));

        SendCountWindow? address = null;
        if (request.ClientIp is { } ip)
        {
            address = await transaction.FindSendCountsAsync(SendScope.Address(ip), hourStart, cancellationToken);
            if (address.CountSince(hourStart) >= otp.MaxSendsPerIpPerHour)
                return OtpAdmission.Refused(OtpRefusal.Address, address.FreesUpAt(hourStart));
        }

        var recent = await transaction.FindCreationTimesAsync(request.Phone, request.At - otp.SendWindow, cancellationToken);
        if (recent.Count >= otp.MaxSendsPerWindow)
            return OtpAdmission.Refused(OtpRefusal.Phone, recent[0]);

        foreach (var earlier in await transaction.FindUsableTokensAsync(request.Phone, cancellationToken))
            earlier.Supersede();
        var token = OtpToken.Issue(request.Phone, request.CodeHash, request.At, otp.Lifetime, request.ClientIp);
        transaction.Add(token);
        service.Add(request.At);
        address?.Add(request.At);
        return OtpAdmission.Accepted(token);
    }

    /// <summary>Records the provider's answer on the token as it is now (a newer code may have superseded it meanwhile).</summary>
    private Task<bool> RecordDeliveryAsync(long tokenId, DeliveryReport report, DateTimeOffset at) =>
        writer.RunAsync(null, async (transaction, ct) =>
        {
            var token = await transaction.FindTokenAsync(tokenId, ct);
            token?.RecordDelivery(report, at);
            return token is not null;
        }, CancellationToken.None); // the provider has accepted or refused an SMS: its answer is recorded even if the client has gone

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

    private sealed record CodeRequest(PhoneNumber Phone, byte[] CodeHash, DateTimeOffset At, string? ClientIp);
}
