using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pilito.Infrastructure.Persistence;
using Pilito.Web.Configuration;

namespace Pilito.Web.Health;

public static class HealthEndpoints
{
    private const string Ready = "ready";

    public static void AddPilitoHealthChecks(this IServiceCollection services)
    {
        services.AddHostedService<SmsConfigurationWarning>();
        services.AddHealthChecks()
            .AddDbContextCheck<PilitoDbContext>("database", tags: [Ready])
            .AddCheck<SmsConfigurationHealthCheck>("sms", tags: [Ready])
            .AddCheck<SmsCreditHealthCheck>("sms_credit", tags: [Ready]);
    }

    public static void MapPilitoHealthChecks(this IEndpointRouteBuilder app)
    {
        // Live: the process answers. Ready: it can do its job (database reachable, SMS configured; low credit degrades).
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync });
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        // With a management port, the public port says how the instance is and nothing of why: no provider or
        // database error text, no credit figure.
        var management = context.RequestServices.GetRequiredService<ManagementEndpoints>();
        if (management.IsConfigured && !management.Serves(context))
            return JsonSerializer.SerializeAsync(context.Response.Body, new { status = report.Status.ToString() }, cancellationToken: context.RequestAborted);
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                data = e.Value.Data.Count == 0 ? null : e.Value.Data,
            }),
        }, cancellationToken: context.RequestAborted);
    }
}
