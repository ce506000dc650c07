using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Ports;
using Pilito.Application.Common.Writes;
using Pilito.Infrastructure.Administration;
using Pilito.Infrastructure.Diagnostics;
using Pilito.Infrastructure.Identity;
using Pilito.Infrastructure.Persistence;
using Pilito.Infrastructure.Persistence.GroupCommit;
using Pilito.Infrastructure.Security;
using Pilito.Infrastructure.Security.SigningKeys;
using Pilito.Infrastructure.Sms;
using Pilito.Infrastructure.Sms.Kavenegar;
using Pilito.Infrastructure.Sms.SmsIr;
using Pilito.Infrastructure.Webhooks;

namespace Pilito.Infrastructure;

public static class DependencyInjection
{
    /// <summary>The shortest staff password accepted: staff can lock accounts and read who signs in.</summary>
    public const int StaffPasswordMinLength = 12;

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddPilitoDatabase(configuration);
        services.AddSingleton<PhoneAccounts>();
        services.AddSingleton<GroupCommitWriter>();
        services.AddSingleton<IOtpWriter>(sp => sp.GetRequiredService<GroupCommitWriter>());
        services.AddHostedService(sp => sp.GetRequiredService<GroupCommitWriter>());
        services.AddScoped<IOtpTokenStore, OtpTokenStore>();
        // One key ring in the database: a staff cookie or anti-forgery token made by one instance is read by any other.
        services.AddDataProtection().SetApplicationName("Pilito").PersistKeysToDbContext<PilitoDbContext>();

        services.AddIdentityCore<PilitoUser>(identity =>
            {
                identity.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
                identity.User.AllowedUserNameCharacters += "+";
                // Staff passwords (phone accounts have none): length is what resists guessing; Identity's 6 is too few.
                identity.Password.RequiredLength = StaffPasswordMinLength;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<PilitoDbContext>()
            .AddUserManager<PilitoUserManager>()
            // Staff two-factor sign-in: TOTP from an authenticator app. Its key and the recovery codes live in
            // AspNetUserTokens, which the Identity schema already has: no migration. Only this provider: staff
            // have no email or phone token flows, and fewer providers are fewer ways in. Each code is accepted once.
            .AddTokenProvider<SingleUseAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);
        services.AddScoped<IUserAccounts, IdentityUserAccounts>();

        services.AddSingleton<IOtpCodeHasher, HmacOtpCodeHasher>();
        services.AddSingleton<ISecretTokenGenerator, SecretTokenGenerator>();
        services.AddSingleton<IAccessTokenIssuer, JwtAccessTokenIssuer>();
        services.AddSingleton<ISigningKeyStore, SigningKeyStore>();
        services.AddSingleton<ISigningKeyGenerator, EcdsaSigningKeyGenerator>();
        services.AddSingleton<EcdsaKeyCache>();
        services.AddSingleton<IProofOfWork, AltchaProofOfWork>(); // Challenge options: Web's SecretsSetup
        services.AddScoped<IPlatformDiagnostics, PlatformDiagnostics>();

        services.AddSms(environment);
        services.AddWebhooks();
        services.AddAdministration(); // after AddSms: it wraps the SMS sender
        return services;
    }

    private static void AddSms(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddOptions<SmsOptions>().BindConfiguration(SmsOptions.Section)
            .PostConfigure(o =>
            {
                o.ProvidersDisagree = o is { Provider: { } one, ListedProviders: [var first, ..] } && one != first;
                o.Provider ??= o.ListedProviders is [var main, ..] ? main : environment.IsDevelopment() ? SmsProvider.Log : SmsProvider.Kavenegar;
            })
            .ValidateDataAnnotations()
            // The binder takes a number for an enum ("Sms:Provider=7") without a word.
            .Validate(o => o.Provider is { } p && Enum.IsDefined(p), "Sms:Provider must be Kavenegar, SmsIr or Log.")
            .Validate(o => o.ListedProviders is not null, "Sms:Providers must name Kavenegar and SmsIr (or Log alone), in failover order.")
            .Validate(o => o.Providers.Distinct().Count() == o.Providers.Count, "Sms:Providers names a provider twice.")
            .Validate(o => o.Providers is [] or [_] || !o.Providers.Contains(nameof(SmsProvider.Log)),
                "Sms:Providers: Log sends nothing, so it cannot fail over to or from another provider.")
            .Validate(o => !o.ProvidersDisagree, "Sms:Provider and Sms:Providers disagree: set Sms:Providers only (its first entry is the main provider).")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SmsOptions>, SmsTemplatesValidator>();
        services.AddOptions<KavenegarOptions>().BindConfiguration(KavenegarOptions.Section)
            .PostConfigure<IConfiguration>(KavenegarEnvironment.Apply)
            .ValidateDataAnnotations()
            // Uri's converter takes any text as a relative address; calls would fail only at the first code.
            .Validate(o => o.BaseUrl is { IsAbsoluteUri: true, Scheme: "http" or "https" },
                "Kavenegar:BaseUrl must be an absolute http or https address (e.g. https://api.kavenegar.com/).")
            .Validate(o => o.Sender.Length > 0 && o.Sender.All(char.IsAsciiDigit),
                "Kavenegar:Sender (KAVENEGAR_SENDER) must be a sender line number from the Kavenegar panel: digits only.")
            // The key is a path segment of every call: a slash, space or '?' in it would call another address.
            .Validate(o => !o.HasApiKey || o.ApiKey!.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '=' or '.'),
                "Kavenegar:ApiKey (KAVENEGAR_API_KEY) must be the key from the Kavenegar panel: letters and digits, no spaces or slashes.")
            .ValidateOnStart();

        foreach (var sends in new[] { true, false })
        {
            services.AddHttpClient(sends ? KavenegarClient.SendingClient : KavenegarClient.ReadingClient,
                    http => http.Timeout = Timeout.InfiniteTimeSpan) // the resilience pipeline's timeout governs
                .RemoveAllLoggers() // the API key is a path segment of every URL
                .AddSmsProviderResilience(sends, HttpStatusCode.Conflict, // Kavenegar's 409: server busy, nothing sent
                    sp => sp.GetRequiredService<IOptions<KavenegarOptions>>().Value.Timeout);
        }

        services.AddSingleton<KavenegarClient>();
        services.AddSingleton<KavenegarGateway>();
        services.AddSingleton<KavenegarAccount>();
        services.AddSingleton<ISmsProviderAccounts, ConfiguredSmsAccounts>();
        services.AddSingleton<ISmsDeliveryTracker, KavenegarDeliveryTracker>();
        services.AddSingleton<ISmsDiagnostics, KavenegarDiagnostics>();
        services.AddScoped<KavenegarSmsSender>();
        services.AddScoped<LogSmsSender>();
        services.AddSmsIr();
        services.AddScoped<ISmsSenders, ConfiguredSmsSenders>();
    }
}
