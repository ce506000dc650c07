using OpenTelemetry.Metrics;
using Pilito.Application.Common.Telemetry;
using Serilog;
using Serilog.Formatting.Json;

namespace Pilito.Web.Configuration;

/// <summary>Metrics for alerting (Prometheus at /metrics) and an optional rolling log file.</summary>
internal static class Observability
{
    public const string LogFileSetting = "Logging:File:Path";

    public static void AddPilitoObservability(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter(OtpMetrics.MeterName)
            .AddPrometheusExporter());

        // For hosts without a log collector: one JSON event per line, a file per day, two weeks kept.
        if (builder.Configuration[LogFileSetting] is { Length: > 0 } path)
        {
            builder.Logging.AddSerilog(new LoggerConfiguration()
                .MinimumLevel.Verbose() // the Logging:LogLevel filters have already run
                .WriteTo.File(new JsonFormatter(renderMessage: true), path, rollingInterval: RollingInterval.Day,
                    retainedFileCountLimit: 14, fileSizeLimitBytes: 100 * 1024 * 1024, rollOnFileSizeLimit: true)
                .CreateLogger(), dispose: true);
        }
    }
}
