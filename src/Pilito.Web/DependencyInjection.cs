using System.Text.Json;
using Pilito.Application;
using Pilito.Infrastructure;
using Pilito.Web.Admin;
using Pilito.Web.Api;
using Pilito.Web.Api.OpenApi;
using Pilito.Web.Background;
using Pilito.Web.Configuration;
using Pilito.Web.Health;

namespace Pilito.Web;

public static class DependencyInjection
{
    public static WebApplicationBuilder AddPilito(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        HostCheck.Check();
        SettingsCheck.Check(builder.Configuration, builder.Environment);
        var services = builder.Services;
        builder.ListenOnPublicAndManagementUrls();
        services.AddSingleton(TimeProvider.System);
        services.AddPilitoOptions(builder.Environment);
        services.AddOptions<StartupOptions>().BindConfiguration(StartupOptions.Section).ValidateOnStart(); // binds, so a wrong value is named at start
        services.AddApplication();
        services.AddHostedService<OtpRetentionService>();
        services.AddHostedService<DeliveryTrackingService>();
        services.AddWebhookSettings();
        services.AddHostedService<WebhookDeliveryService>();
        services.AddInfrastructure(builder.Configuration, builder.Environment);
        builder.AddKeyRingProtection();

        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDetailTexts.Apply);
        services.AddApiAuthentication();
        services.AddPilitoHealthChecks();
        services.AddPilitoOpenApi();
        builder.AddPilitoObservability();
        builder.AddPilitoHardening();
        services.AddPilitoAdmin(builder.Environment);
        return builder;
    }

    public static WebApplication UsePilito(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseManagementPort(); // first: the management port answers nothing but probes, whatever comes after
        app.UsePilitoHardening();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseSampleWeb(); // Development only
        app.UsePilitoAdmin();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi();
        if (app.Environment.IsDevelopment())
            app.UseSwaggerUI(ui => ui.SwaggerEndpoint("/openapi/v1.json", "Pilito API v1"));
        app.MapOtpEndpoints();
        app.MapAccountEndpoints();
        app.MapWellKnownEndpoints();
        app.MapPilitoHealthChecks();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapRazorPages();
        return app;
    }
}
