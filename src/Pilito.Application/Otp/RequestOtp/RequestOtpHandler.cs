using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Errors;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Application.Common.Telemetry;
using Pilito.Application.Common.Writes;
using Pilito.Application.Webhooks;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Application.Otp.RequestOtp;

public sealed class RequestOtpHandler(
    IOtpWriter writer,
    SmsFailover sms,
    IOtpCodeHasher hasher,
    ISecretTokenGenerator secrets,
    ChallengeGate challenges,
    WebhookEvents events,
    IOptions<OtpOptions> options,
    TimeProvider clock,
    OtpMetrics metrics,
    ILogger<RequestOtpHandler> logger) : ICommandHandler<RequestOtpCommand, RequestOtpResult>
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>What a test number's token records as its delivery: accepted, by nobody.</summary>
    public static readonly DeliveryReport TestNumberDelivery = new(TestNumberProvider, true, null, null, null);

    /// <summary>The provider name a test number's token shows: nothing was sent.</summary>
    public const string TestNumberProvider = "TestNumber";

    public async ValueTask<RequestOtpResult> Handle(RequestOtpCommand command, CancellationToken cancellationToken)
    {
        var otp = options.Value;
        var phone = PhoneNumber.Parse(command.PhoneNumber); // the validator has accepted it
        var channel = DeliveryChannels.Parse(command.Channel); // so it has the channel
        var testCode = otp.TestCodeOf(phone); // a test number sends nothing, whatever the providers can do
        if (testCode is null && !sms.IsConfigured)
        {
            metrics.RequestRefused("not_configured");
            throw new SmsNotConfiguredException();
        }

        if (testCode is null && !sms.CanSend(channel))
            throw DeliveryChannels.Unavailable(command.Channel);

        var code = testCode ?? OtpCode.Generate(otp.CodeLength);
        var network = ClientNetwork.Of(command.ClientIp, otp.Ipv6PrefixLength);
        var request = new CodeRequest(
            phone, channel, hasher.Hash(phone, code), clock.GetUtcNow(), command.ClientIp, network, secrets.Generate(),
            challenges.Check(command.Altcha), command.PhoneChangeAccountId);
        var admission = await writer.RunAsync(phone, CountsRead(request), (transaction, ct) => AdmitAsync(transaction, request, ct), cancellationToken);
        if (admission.Token is not { } token)
            throw Refuse(admission, phone, network, otp, request.At);
        metrics.CodeIssued(token.Operator);
        if (admission.BudgetWarning)
        {
            // Well before the ceiling: real traffic is outgrowing Otp:MaxSendsPerHour, or someone is pumping SMS.
            logger.LogWarning("SMS budget warning: {Share:P0} of {Budget} codes per hour spent", otp.BudgetWarningShare, otp.MaxSendsPerHour);
            metrics.BudgetWarning();
        }

        if (testCode is not null)
        {
            logger.LogInformation("OTP for test number {Phone}: its fixed code was issued and nothing sent (Otp:TestNumbers)", phone);
            metrics.TestNumberUsed("requested");
            await DeliveryRecording.RecordAsync(writer, events, token, TestNumberDelivery, clock.GetUtcNow());
            return new RequestOtpResult(phone, otp.Lifetime, otp.ShouldRevealCodes ? code : null, request.VerificationId);
        }

        // The token is committed before the SMS leaves, so a crash mid-send never loses a code that was sent.
        // The send itself is not cancelled with the request: a half-made provider call may already have cost an SMS.
        var iranian = phone.E164.StartsWith("+98", StringComparison.Ordinal);
        var result = await sms.SendAsync(phone, code, channel,
            templates => MessageLanguages.Choose(command.Language, command.AcceptedLanguages, iranian, templates), CancellationToken.None);
        metrics.SendCompleted(result.Accepted);
        await DeliveryRecording.RecordAsync(writer, events, token, result.Report, clock.GetUtcNow());
        if (!result.Accepted)
            throw new SmsDeliveryFailedException(result.Failure ?? SmsFailureKind.Unavailable, result.Report.ProviderError ?? "unknown error");

        return new RequestOtpResult(phone, otp.Lifetime, otp.ShouldRevealCodes ? code : null, request.VerificationId);
    }

    /// <summary>
    /// The service's hourly budget, the destination prefix's share of it, the client network's hourly limit, then the
    /// phone's own limits (<see cref="PhoneSendLimits"/>), and under pressure a solved challenge (<see cref="ChallengeGate"/>);
    /// the hourly limits count whole minutes, so an "hour" may reach a minute further back. When all pass, the phone's
    /// unused codes are superseded and the new one stored, in the same transaction. The channel plays no part: a call
    /// is a code sent like any other, counted by every limit and superseding (and superseded by) codes sent by SMS.
    /// </summary>
    private async Task<OtpAdmission> AdmitAsync(IOtpTransaction transaction, CodeRequest request, CancellationToken cancellationToken)
    {
        var otp = options.Value;
        if (request.PhoneChangeAccountId is { } accountId && await CheckPhoneChangeAsync(transaction, accountId, request, cancellationToken) is { } refusal)
            return OtpAdmission.Refused(refusal, request.At);

        var hourStart = request.At - Hour;
        var service = await transaction.FindCountsAsync(CountScope.Service, hourStart, cancellationToken);
        if (service.CountSince(hourStart) >= otp.MaxSendsPerHour)
            return OtpAdmission.Refused(OtpRefusal.Budget, service.FreesUpAt(hourStart) + Hour);

        var prefix = await transaction.FindCountsAsync(CountScope.Prefix(request.Phone.OperatorPrefix), hourStart, cancellationToken);
        if (prefix.CountSince(hourStart) >= otp.MaxSendsPerPrefixPerHour)
            return OtpAdmission.Refused(OtpRefusal.Prefix, prefix.FreesUpAt(hourStart) + Hour);

        var address = await transaction.FindCountsAsync(CountScope.Address(request.Network), hourStart, cancellationToken);
        if (address.CountSince(hourStart) >= otp.MaxSendsPerIpPerHour)
            return OtpAdmission.Refused(OtpRefusal.Address, address.FreesUpAt(hourStart) + Hour);

        var lastDay = await transaction.FindCreationTimesAsync(request.Phone, request.At - PhoneSendLimits.Day, cancellationToken);
        if (PhoneSendLimits.Check(lastDay, otp, request.At) is { } refused)
            return refused;

        if (challenges.Enabled && challenges.UnderPressure(otp, hourStart, new CodeRequestCounts(service, prefix, address), lastDay.Count)
            && !await challenges.TrySpendAsync(transaction, request.Challenge, request.At, cancellationToken))
            return OtpAdmission.Refused(OtpRefusal.ChallengeRequired, request.At);

        foreach (var earlier in await transaction.FindUsableTokensAsync(request.Phone, cancellationToken))
            earlier.Supersede();
        var token = OtpToken.Issue(
            request.Phone, request.CodeHash, request.At, otp.Lifetime, request.ClientIp, request.VerificationId, request.Channel, request.PhoneChangeAccountId);
        transaction.Add(token);
        var warning = service.CountSince(hourStart) + 1 == otp.BudgetWarningAt;
        service.Add(request.At);
        prefix.Add(request.At);
        address.Add(request.At);
        return OtpAdmission.Accepted(token, warning);
    }

    /// <summary>The windows <see cref="AdmitAsync"/> reads, told to the writer ahead.</summary>
    private static CountRead[] CountsRead(CodeRequest request)
    {
        var hourStart = request.At - Hour;
        return
        [
            new(CountScope.Service, hourStart),
            new(CountScope.Prefix(request.Phone.OperatorPrefix), hourStart),
            new(CountScope.Address(request.Network), hourStart),
        ];
    }

    /// <summary>
    /// A phone change is refused before any limit counts it when its account is gone or locked, or already has the
    /// number. Whether another account holds the number is not said here: only the verification, once the code has
    /// proved the caller holds the number, answers that (otherwise any account could probe who is signed up).
    /// </summary>
    private static async Task<OtpRefusal?> CheckPhoneChangeAsync(
        IOtpTransaction transaction, Guid accountId, CodeRequest request, CancellationToken cancellationToken)
    {
        var account = await transaction.FindAccountAsync(accountId, request.At, cancellationToken);
        if (account is null)
            return OtpRefusal.UnknownAccount;
        if (account.IsLocked)
            return OtpRefusal.AccountLocked;
        return account.PhoneNumber == request.Phone.E164 ? OtpRefusal.SamePhone : null;
    }

    private Exception Refuse(OtpAdmission admission, PhoneNumber phone, ClientNetwork network, OtpOptions otp, DateTimeOffset now)
    {
        var wait = RetryAfter.Until(admission.FreesUpAt ?? now, now);
        switch (admission.Refusal)
        {
            case OtpRefusal.Budget:
                // An alert: either real traffic outgrew Otp:MaxSendsPerHour or someone is pumping SMS.
                logger.LogCritical("SMS budget of {Budget} codes per hour spent: OTP sending is paused", otp.MaxSendsPerHour);
                metrics.RequestRefused("budget_exhausted");
                return new SmsBudgetExhaustedException(wait);
            case OtpRefusal.Prefix:
                logger.LogCritical("SMS budget share of {Limit} codes per hour to 0{Prefix} spent: sending to that range is paused", otp.MaxSendsPerPrefixPerHour, phone.OperatorPrefix);
                metrics.RequestRefused("prefix_budget_exhausted");
                return new SmsBudgetExhaustedException(wait);
            case OtpRefusal.Address:
                logger.LogWarning("OTP request from {ClientNetwork} refused: {Limit} codes per hour from one network", network, otp.MaxSendsPerIpPerHour);
                metrics.RequestRefused("address_limited");
                return new AddressRateLimitedException(wait);
            case OtpRefusal.ChallengeRequired:
                logger.LogInformation("OTP request for {Phone} from {ClientNetwork} asked to solve a challenge", phone, network);
                metrics.RequestRefused("challenge_required");
                return new ChallengeRequiredException(challenges.NewChallenge());
            case OtpRefusal.UnknownAccount:
                return new UnknownUserException();
            case OtpRefusal.AccountLocked:
                metrics.RequestRefused("account_locked");
                return new AccountLockedException();
            case OtpRefusal.SamePhone:
                return new SamePhoneNumberException();
            case OtpRefusal.Phone:
                logger.LogInformation("OTP request for {Phone} refused: {Limit} codes per {Window} reached", phone, otp.MaxSendsPerWindow, otp.SendWindow);
                metrics.RequestRefused("rate_limited");
                return new OtpRateLimitedException(otp.SendWindow, wait);
            default:
                logger.LogInformation("OTP request for {Phone} refused: {Refusal}, next code in {Wait}", phone, admission.Refusal, wait);
                metrics.RequestRefused(admission.Refusal == OtpRefusal.PhoneDaily ? "daily_limited" : "resend_delayed");
                return new OtpRateLimitedException(wait, wait);
        }
    }

    private sealed record CodeRequest(
        PhoneNumber Phone, OtpChannel Channel, byte[] CodeHash, DateTimeOffset At, string? ClientIp, ClientNetwork Network, string VerificationId, ProofOfWorkCheck? Challenge,
        Guid? PhoneChangeAccountId);
}
