using FluentValidation;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Pilito.Application.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Application.Common.Writes;
using Pilito.Application.Otp.RequestOtp;

namespace Pilito.Application.Tests;

public sealed class DependencyInjectionTests
{
    [Test]
    public void Every_registered_service_can_be_built_once_the_ports_are_registered()
    {
        var services = ServicesWithPorts(new Mock<ISmsSender>().Object);

        Assert.DoesNotThrow(() => Build(services).Dispose());
    }

    [Test]
    public async Task Sender_resolves_in_a_scope()
    {
        await using var provider = Build(ServicesWithPorts(new Mock<ISmsSender>().Object));
        await using var scope = provider.CreateAsyncScope();

        Assert.That(scope.ServiceProvider.GetService<ISender>(), Is.Not.Null);
    }

    [Test]
    public async Task Sending_an_invalid_phone_through_the_sender_is_refused_by_validation_before_the_handler_runs()
    {
        var sms = new Mock<ISmsSender>(MockBehavior.Strict); // the handler's first port call would fail the test
        await using var provider = Build(ServicesWithPorts(sms.Object));
        await using var scope = provider.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();

        var error = await Assert.ThrowsAsync<ValidationException>(async () =>
            await sender.Send(new RequestOtpCommand("02112345678", null), CancellationToken.None));

        Assert.That(
            error.Errors.Select(e => (e.PropertyName, e.ErrorMessage)),
            Is.EqualTo(new[] { ("PhoneNumber", "Please provide a valid Iranian phone number") }));
        sms.VerifyNoOtherCalls();
    }

    private static ServiceCollection ServicesWithPorts(ISmsSender sms)
    {
        var services = new ServiceCollection();
        services.AddApplication();
        services.AddSingleton<ISmsSenders>(new SmsSendersInOrder([sms]));
        services.AddSingleton(new Mock<IOtpTokenStore>(MockBehavior.Strict).Object);
        services.AddSingleton(new Mock<IOtpWriter>(MockBehavior.Strict).Object);
        services.AddSingleton(new Mock<IOtpCodeHasher>(MockBehavior.Strict).Object);
        services.AddSingleton(new Mock<IUserAccounts>(MockBehavior.Strict).Object);
        services.AddSingleton(new Mock<IAccessTokenIssuer>(MockBehavior.Strict).Object);
        services.AddSingleton(new Mock<ISigningKeyStore>(MockBehavior.Strict).Object);
        services.AddSingleton(new Mock<ISigningKeyGenerator>(MockBehavior.Strict).Object);
        services.AddSingleton(new Mock<ISecretTokenGenerator>(MockBehavior.Strict).Object);
        services.AddSingleton(new Mock<ISmsDiagnostics>(MockBehavior.Strict).Object);
        services.AddSingleton(new Mock<IPlatformDiagnostics>(MockBehavior.Strict).Object);
        services.AddSingleton(new Mock<ISmsDeliveryTracker>(MockBehavior.Strict).Object);
        services.AddSingleton(new Mock<ISmsProviderAccounts>(MockBehavior.Strict).Object);
        services.AddSingleton(new Mock<IOtpTokenQueries>(MockBehavior.Strict).Object);
        services.AddSingleton(new Mock<IUserAdministration>(MockBehavior.Strict).Object);
        services.AddSingleton(new Mock<IProofOfWork>(MockBehavior.Strict).Object);
        services.AddSingleton(new Mock<IStaffCredentials>(MockBehavior.Strict).Object);
        services.AddSingleton(new Mock<IStaffAuditLog>(MockBehavior.Strict).Object);
        services.AddSingleton(new Mock<IWebhookOutbox>(MockBehavior.Strict).Object);
        services.AddSingleton(new Mock<IWebhookTransport>(MockBehavior.Strict).Object);
        services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        services.AddSingleton<System.Diagnostics.Metrics.IMeterFactory, TestMeterFactory>();
        services.AddSingleton(Options.Create(new OtpOptions()));
        services.AddSingleton(Options.Create(new AuthOptions()));
        services.AddSingleton(Options.Create(new ChallengeOptions()));
        services.AddSingleton(Options.Create(new StaffSignInOptions()));
        services.AddSingleton(Options.Create(new StaffAuditOptions()));
        services.AddSingleton(Options.Create(new WebhookOptions()));
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        return services;
    }

    private static ServiceProvider Build(ServiceCollection services) =>
        services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

}
