using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Options;
using Pilito.Application.Common.Ports;
using Pilito.Web.Tests.Security;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Hosting;

/// <summary>The Challenge section: what start-up demands of it, and the port the app registers.</summary>
public sealed class ChallengeSettingsTests
{
    private const string HmacKey = "integration-tests-challenge-key-0123456789";

    [Test]
    public void Production_with_the_challenge_on_and_no_key_is_refused_saying_how_to_set_it()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Read("Production", new() { ["Challenge:Enabled"] = "true" }));

        Assert.That(error!.Message, Does.Contain("Challenge:HmacKey").And.Contain("Challenge__HmacKey"));
    }

    [Test]
    public void Challenge_key_shorter_than_32_characters_is_refused()
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
            Read("Production", new() { ["Challenge:Enabled"] = "true", ["Challenge:HmacKey"] = new string('k', 31) }));

        Assert.That(error!.Message, Does.Contain("Challenge:HmacKey"));
    }

    [TestCase("Auth:SigningKey")]
    [TestCase("Otp:HashKey")]
    public void Challenge_key_must_be_a_key_of_its_own(string other)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Read("Production", new()
        {
            ["Challenge:Enabled"] = "true",
            ["Challenge:HmacKey"] = HmacKey,
            [other] = HmacKey,
        }));

        Assert.That(error!.Message, Does.Contain($"must differ from Auth:SigningKey and Otp:HashKey"));
    }

    [TestCase("Challenge:MaxNumber", "999")]
    [TestCase("Challenge:MaxNumber", "10000001")]
    [TestCase("Challenge:Lifetime", "00:00:05")]
    [TestCase("Challenge:Lifetime", "02:00:00")]
    public void Out_of_range_setting_is_refused_and_named(string setting, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Read("Production", new() { [setting] = value }));

        Assert.That(error!.Message, Does.Contain(setting.Split(':')[1]));
    }

    [Test]
    public void Production_with_the_challenge_off_needs_no_key()
    {
        var options = Read("Production", []);

        Assert.That(options.Enabled, Is.False);
        Assert.That(options.HmacKey, Is.Null);
        Assert.That((options.MaxNumber, options.Lifetime), Is.EqualTo((100_000, TimeSpan.FromMinutes(5))));
    }

    [Test]
    public async Task Development_signs_challenges_with_a_built_in_key()
    {
        await using var app = new PilitoApp(null, new Dictionary<string, string?> { ["Challenge:Enabled"] = "true" }) { Environment = "Development" };
        var pow = app.Services.GetRequiredService<IProofOfWork>();

        var check = pow.Check(AltchaSolver.Solve(pow.CreateChallenge()));

        Assert.That(check.IsValid, Is.True, check.Failure.ToString());
    }

    [Test]
    public async Task App_registers_the_port_with_the_configured_difficulty_and_lifetime()
    {
        await using var app = new PilitoApp(null, new Dictionary<string, string?>
        {
            ["Challenge:Enabled"] = "true",
            ["Challenge:HmacKey"] = HmacKey,
            ["Challenge:MaxNumber"] = "2000",
            ["Challenge:Lifetime"] = "00:01:00",
        });
        var pow = app.Services.GetRequiredService<IProofOfWork>();
        var before = DateTimeOffset.UtcNow;

        var challenge = pow.CreateChallenge();
        var check = pow.Check(AltchaSolver.Solve(challenge));

        Assert.That(challenge.MaxNumber, Is.EqualTo(2000));
        Assert.That(challenge.Signature, Is.EqualTo(AltchaProofOfWorkTests.HmacHex(HmacKey, challenge.Challenge)));
        Assert.That(challenge.ExpiresAt, Is.EqualTo(before.AddMinutes(1)).Within(TimeSpan.FromSeconds(5)));
        Assert.That(check.IsValid, Is.True, check.Failure.ToString());
    }

    /// <summary>The Challenge options as the app's own registration (AddPilito) binds and validates them.</summary>
    private static ChallengeOptions Read(string environment, Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = PilitoApp.SigningKey,
            ["Otp:HashKey"] = PilitoApp.HashKey,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPilito();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<ChallengeOptions>>().Value;
    }
}
