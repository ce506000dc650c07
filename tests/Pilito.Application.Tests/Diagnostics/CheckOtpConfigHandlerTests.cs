using Microsoft.Extensions.Options;
using Moq;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Application.Diagnostics.CheckOtpConfig;
using Pilito.Application.Tests.Support;

namespace Pilito.Application.Tests.Diagnostics;

public sealed class CheckOtpConfigHandlerTests
{
    private static readonly DiagnosticCheck ApiKey = DiagnosticCheck.Ok("API key", "set (0123****cdef)");
    private static readonly DiagnosticCheck Database = DiagnosticCheck.Ok("Database", "Sqlite pilito.db reachable, schema up to date");
    private static readonly DiagnosticCheck Versions = DiagnosticCheck.Ok("Versions", "Pilito 1.0.0");
    private static readonly DiagnosticCheck Reachable = DiagnosticCheck.Ok("Kavenegar reachable", "account/info answered");

    private Mock<ISmsDiagnostics> _sms = null!;
    private Mock<IPlatformDiagnostics> _platform = null!;
    private OtpOptions _otp = null!;
    private string[] _listed = null!;

    [SetUp]
    public void SetUp()
    {
        // Strict: the offline check must never probe the provider.
        _sms = new Mock<ISmsDiagnostics>(MockBehavior.Strict);
        _sms.SetupGet(s => s.Provider).Returns("Kavenegar");
        _sms.Setup(s => s.DescribeConfiguration()).Returns([ApiKey]);
        _listed = ["Kavenegar"];
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
    public async Task The_Log_sender_is_a_warning_not_an_error_and_nothing_is_probed()
    {
        _listed = []; // the Log sender has no account

        var result = await Handler().Handle(new CheckOtpConfigQuery(Online: true), CancellationToken.None);

        Assert.That(result.Checks[0], Is.EqualTo(DiagnosticCheck.Warning("SMS provider", "Log: messages are written to the log and nothing is sent (set Sms__Provider=Kavenegar)")));
        Assert.That(result.HasErrors, Is.False);
        _sms.Verify(s => s.ProbeAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Several_providers_are_named_in_failover_order_and_each_is_described_and_probed()
    {
        var smsIr = new Mock<ISmsDiagnostics>(MockBehavior.Strict);
        smsIr.SetupGet(s => s.Provider).Returns("SmsIr");
        smsIr.Setup(s => s.DescribeConfiguration()).Returns([DiagnosticCheck.Ok("sms.ir API key", "set")]);
        smsIr.Setup(s => s.ProbeAsync(It.IsAny<CancellationToken>())).ReturnsAsync([DiagnosticCheck.Ok("sms.ir reachable", "credit answered")]);
        _sms.Setup(s => s.ProbeAsync(It.IsAny<CancellationToken>())).ReturnsAsync([Reachable]);
        _listed = ["SmsIr", "Kavenegar"];

        var result = await new CheckOtpConfigHandler([_sms.Object, smsIr.Object], SmsAccountsInOrder.Named(_listed), _platform.Object, Options.Create(_otp))
            .Handle(new CheckOtpConfigQuery(Online: true), CancellationToken.None);

        Assert.That(result.Checks[0].Detail, Is.EqualTo("SmsIr, then Kavenegar (the next only when the one before certainly sent nothing)"));
        Assert.That(result.Checks.Select(c => c.Name), Is.EqualTo(new[]
        {
            "SMS provider", "sms.ir API key", "API key", "OTP settings", "Database", "Versions", "sms.ir reachable", "Kavenegar reachable",
        }));
    }

    private CheckOtpConfigHandler Handler() => new([_sms.Object], SmsAccountsInOrder.Named(_listed), _platform.Object, Options.Create(_otp));


}
