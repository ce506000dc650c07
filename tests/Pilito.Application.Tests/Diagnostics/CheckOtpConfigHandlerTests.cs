using Microsoft.Extensions.Options;
using Moq;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Application.Diagnostics.CheckOtpConfig;

namespace Pilito.Application.Tests.Diagnostics;

public sealed class CheckOtpConfigHandlerTests
{
    private static readonly DiagnosticCheck Provider = DiagnosticCheck.Ok("SMS provider", "Kavenegar");
    private static readonly DiagnosticCheck ApiKey = DiagnosticCheck.Ok("API key", "set (0123****cdef)");
    private static readonly DiagnosticCheck Database = DiagnosticCheck.Ok("Database", "Sqlite pilito.db reachable, schema up to date");
    private static readonly DiagnosticCheck Versions = DiagnosticCheck.Ok("Versions", "Pilito 1.0.0");
    private static readonly DiagnosticCheck Reachable = DiagnosticCheck.Ok("Kavenegar reachable", "account/info answered");

    private Mock<ISmsDiagnostics> _sms = null!;
    private Mock<IPlatformDiagnostics> _platform = null!;
    private OtpOptions _otp = null!;

    [SetUp]
    public void SetUp()
    {
        // Strict: the offline check must never probe the provider.
        _sms = new Mock<ISmsDiagnostics>(MockBehavior.Strict);
        _sms.Setup(s => s.DescribeConfiguration()).Returns([Provider, ApiKey]);
        _platform = new Mock<IPlatformDiagnostics>(MockBehavior.Strict);
        _platform.Setup(p => p.CheckDatabaseAsync(It.IsAny<CancellationToken>())).ReturnsAsync(Database);
        _platform.Setup(p => p.DescribeVersions()).Returns(Versions);
        _otp = new OtpOptions
        {
            CodeLength = 6,
            Lifetime = TimeSpan.FromMinutes(5),
            MaxSendsPerWindow = 3,
            SendWindow = TimeSpan.FromMinutes(2),
            MaxVerifyAttempts = 5,
        };
    }

    [Test]
    public async Task Offline_check_reports_configuration_settings_database_and_versions_in_order()
    {
        var result = await Handler().Handle(new CheckOtpConfigQuery(Online: false), CancellationToken.None);

        Assert.That(result.Checks.Select(c => c.Name), Is.EqualTo(new[] { "SMS provider", "API key", "OTP settings", "Database", "Versions" }));
        Assert.That(result.HasErrors, Is.False);
    }

    [Test]
    public async Task Offline_check_never_asks_the_provider()
    {
        await Handler().Handle(new CheckOtpConfigQuery(Online: false), CancellationToken.None);

        _sms.Verify(s => s.ProbeAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Online_check_adds_the_provider_probe_at_the_end()
    {
        _sms.Setup(s => s.ProbeAsync(It.IsAny<CancellationToken>())).ReturnsAsync([Reachable]);

        var result = await Handler().Handle(new CheckOtpConfigQuery(Online: true), CancellationToken.None);

        Assert.That(result.Checks[^1], Is.EqualTo(Reachable));
        Assert.That(result.Checks, Has.Count.EqualTo(6));
    }

    [Test]
    public async Task Otp_settings_line_describes_the_configured_limits()
    {
        _otp.CodeLength = 8;
        _otp.MaxVerifyAttempts = 3;

        var result = await Handler().Handle(new CheckOtpConfigQuery(Online: false), CancellationToken.None);

        var settings = result.Checks.Single(c => c.Name == "OTP settings");
        Assert.That(settings.Status, Is.EqualTo(CheckStatus.Ok));
        Assert.That(settings.Detail, Is.EqualTo("8-digit codes valid 00:05:00, at most 3 per phone per 00:02:00, locked after 3 wrong codes"));
    }

    [Test]
    public async Task Database_error_makes_the_result_an_error()
    {
        _platform.Setup(p => p.CheckDatabaseAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(DiagnosticCheck.Error("Database", "1 migration(s) not applied"));

        var result = await Handler().Handle(new CheckOtpConfigQuery(Online: false), CancellationToken.None);

        Assert.That(result.HasErrors, Is.True);
    }

    [Test]
    public async Task Probe_error_makes_the_result_an_error()
    {
        _sms.Setup(s => s.ProbeAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync([DiagnosticCheck.Error("API key accepted", "Invalid API key (403)")]);

        var result = await Handler().Handle(new CheckOtpConfigQuery(Online: true), CancellationToken.None);

        Assert.That(result.HasErrors, Is.True);
    }

    [Test]
    public async Task Warnings_alone_are_not_errors()
    {
        _sms.Setup(s => s.DescribeConfiguration()).Returns([DiagnosticCheck.Warning("SMS provider", "Log")]);

        var result = await Handler().Handle(new CheckOtpConfigQuery(Online: false), CancellationToken.None);

        Assert.That(result.HasErrors, Is.False);
    }

    private CheckOtpConfigHandler Handler() => new(_sms.Object, _platform.Object, Options.Create(_otp));
}
