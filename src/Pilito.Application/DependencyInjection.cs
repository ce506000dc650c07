using FluentValidation;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Pilito.Application.Admin.Audit;
using Pilito.Application.Auth.Sessions;
using Pilito.Application.Common.Behaviors;
using Pilito.Application.Common.Telemetry;
using Pilito.Application.Otp.RequestOtp;

namespace Pilito.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        // The source generator reads these options at compile time: literals and typeof only.
        services.AddMediator((MediatorOptions options) =>
        {
            options.GenerateTypesAsInternal = true;
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(RequestOtpCommand)];
            options.PipelineBehaviors = [typeof(ValidationBehavior<,>)];
        });
        services.AddSingleton<SessionIssuer>();
        services.AddSingleton<Auth.SigningKeys.SigningKeyManager>();
        services.AddScoped<AccountSessions>();
        services.AddScoped<StaffAuditRecorder>();
        services.AddSingleton<OtpMetrics>();
        services.AddSingleton<WebhookMetrics>();
        services.AddSingleton<Webhooks.WebhookEvents>();
        services.AddSingleton<ChallengeGate>();
        services.AddScoped<SmsFailover>();
        services.AddScoped<Otp.TrackDeliveries.CallFallback>();
        services.AddSingleton<Admin.SignInStaff.StaffSignInThrottle>();
        return services.AddValidatorsFromAssemblyContaining<RequestOtpValidator>(ServiceLifetime.Singleton);
    }
}
