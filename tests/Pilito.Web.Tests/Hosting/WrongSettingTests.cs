using Pilito.Web.Configuration;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Hosting;

/// <summary>
/// Every setting of the README's configuration table, given a wrong value: the host is built and checked as Program
/// does (<see cref="PilitoStart"/>), and what it throws becomes the one line Program prints (<see cref="StartFailure"/>).
/// CommandLineTests runs a few of these as real processes, to see the line on stderr and the exit code.
/// </summary>
public sealed class WrongSettingTests
{
    private const string Production = "Production";
    private const string Development = "Development";

    // Setting, wrong value, environment, what the line must name, and another setting the case needs ("key=value").
    [TestCase("KAVENEGAR_API_KEY", "key with/slash", Production, "KAVENEGAR_API_KEY", "Kavenegar:ApiKey=")]
    [TestCase("Kavenegar:ApiKey", "abc def", Production, "Kavenegar:ApiKey")]
    [TestCase("KAVENEGAR_SENDER", "my-line", Production, "KAVENEGAR_SENDER")]
    [TestCase("Kavenegar:Sender", "", Production, "Kavenegar:Sender")]
    [TestCase("Kavenegar:BaseUrl", "not a url", Production, "Kavenegar:BaseUrl")]
    [TestCase("Kavenegar:BaseUrl", "ftp://api.kavenegar.com/", Production, "Kavenegar:BaseUrl")]
    [TestCase("Kavenegar:Timeout", "00:05:00", Production, "Kavenegar:Timeout")]
    [TestCase("Kavenegar:Timeout", "ten seconds", Production, "Kavenegar:Timeout")]
    [TestCase("Kavenegar:Template", "my template", Production, "Kavenegar:Template")]
    [TestCase("Kavenegar:LowCreditThreshold", "-1", Production, "Kavenegar:LowCreditThreshold")]
    [TestCase("Kavenegar:PricePerMessage", "0", Production, "Kavenegar:PricePerMessage")]
    [TestCase("Kavenegar:PricePerMessage", "cheap", Production, "Kavenegar:PricePerMessage")]
    [TestCase("Kavenegar:CreditCacheDuration", "00:00:00", Production, "Kavenegar:CreditCacheDuration")]
    [TestCase("Sms:Provider", "Carrier-pigeon", Production, "Sms:Provider")]
    [TestCase("Sms:Provider", "7", Production, "Sms:Provider")]
    [TestCase("Sms:Providers:0", "Pigeon", Production, "Sms:Providers")]
    [TestCase("Sms:Providers:1", "Kavenegar", Production, "Sms:Providers", "Sms:Providers:0=Kavenegar")]
    [TestCase("Sms:Providers:1", "Log", Production, "Sms:Providers", "Sms:Providers:0=Kavenegar")]
    [TestCase("Sms:Provider", "Log", Production, "Sms:Providers", "Sms:Providers:0=Kavenegar")]
    [TestCase("Sms:Providers:0", "SmsIr", Production, "SmsIr:ApiKey")]
    [TestCase("SmsIr:ApiKey", "abc def", Production, "SmsIr:ApiKey", "SmsIr:TemplateId=123456")]
    [TestCase("SMSIR_API_KEY", "key\r\nX-Other: 1", Production, "SMSIR_API_KEY", "SmsIr:TemplateId=123456")]
    [TestCase("SmsIr:ApiKey", "abcdef0123456789", Production, "SmsIr:TemplateId")]
    [TestCase("SmsIr:TemplateId", "0", Production, "SmsIr:TemplateId")]
    [TestCase("SmsIr:TemplateId", "welcome", Production, "SmsIr:TemplateId")]
    [TestCase("SmsIr:BaseUrl", "not a url", Production, "SmsIr:BaseUrl")]
    [TestCase("SmsIr:BaseUrl", "ftp://api.sms.ir/v1/", Production, "SmsIr:BaseUrl")]
    [TestCase("SmsIr:Timeout", "00:05:00", Production, "SmsIr:Timeout")]
    [TestCase("SmsIr:CodeParameter", "#Code#", Production, "SmsIr:CodeParameter")]
    [TestCase("SmsIr:CodeParameter", "", Production, "SmsIr:CodeParameter")]
    [TestCase("SmsIr:LifetimeParameter", "valid for", Production, "SmsIr:LifetimeParameter")]
    [TestCase("SmsIr:LowCreditThreshold", "-1", Production, "SmsIr:LowCreditThreshold")]
    [TestCase("SmsIr:CreditCacheDuration", "00:00:00", Production, "SmsIr:CreditCacheDuration")]
    [TestCase("Sms:OtpMessageTemplate", "Hello", Production, "Sms:OtpMessageTemplate")]
    [TestCase("Sms:OtpMessageTemplate", "Hello {0} {", Production, "Sms:OtpMessageTemplate")]
    [TestCase("Sms:CallMessageTemplate", "Your code", Production, "Sms:CallMessageTemplate")]
    [TestCase("Sms:CallMessageTemplate", "Your code is {0} {", Production, "Sms:CallMessageTemplate")]
    [TestCase("Sms:CallMessageTemplate", "", Production, "Sms:CallMessageTemplate")]
    [TestCase("Sms:Templates:en", "Hello", Production, "Sms:Templates:en")]
    [TestCase("Sms:Templates:fa", "", Production, "Sms:Templates:fa")]
    [TestCase("Sms:Templates:e1", "Code {code}", Production, "Sms:Templates:e1")]
    [TestCase("Sms:AutofillDomain", "https://app.example.ir", Production, "Sms:AutofillDomain")]
    [TestCase("Sms:AutofillDomain", "app.example.ir:443", Production, "Sms:AutofillDomain")]
    [TestCase("Sms:AutofillDomain", "app example.ir", Production, "Sms:AutofillDomain")]
    [TestCase("Sms:AndroidAppHash", "FA+9qCX9VS", Production, "Sms:AndroidAppHash")]
    [TestCase("Sms:AndroidAppHash", "FA+9qCX9VS_", Production, "Sms:AndroidAppHash")]
    [TestCase("Sms:AppName", "My App", Production, "Sms:AppName")]
    [TestCase("Sms:AppName", "my_app", Production, "Sms:AppName")]
    [TestCase("Otp:CodeLength", "3", Production, "Otp:CodeLength")]
    [TestCase("Otp:Lifetime", "00:00:01", Production, "Otp:Lifetime")]
    [TestCase("Otp:MaxSendsPerWindow", "0", Production, "Otp:MaxSendsPerWindow")]
    [TestCase("Otp:SendWindow", "00:00:00", Production, "Otp:SendWindow")]
    [TestCase("Otp:ResendDelays", "soon", Production, "Otp:ResendDelays")]
    [TestCase("Otp:MaxSendsPerPhonePerDay", "0", Production, "Otp:MaxSendsPerPhonePerDay")]
    [TestCase("Otp:MaxVerifyAttempts", "0", Production, "Otp:MaxVerifyAttempts")]
    [TestCase("Otp:MaxVerifyFailuresPerPhonePerHour", "0", Production, "Otp:MaxVerifyFailuresPerPhonePerHour")]
    [TestCase("Otp:MaxVerifyFailuresPerPhonePerDay", "0", Production, "Otp:MaxVerifyFailuresPerPhonePerDay")]
    [TestCase("Otp:MaxVerifyFailuresPerIpPerHour", "0", Production, "Otp:MaxVerifyFailuresPerIpPerHour")]
    [TestCase("Otp:MaxSendsPerIpPerHour", "-5", Production, "Otp:MaxSendsPerIpPerHour")]
    [TestCase("Otp:Ipv6PrefixLength", "129", Production, "Otp:Ipv6PrefixLength")]
    [TestCase("Otp:MaxSendsPerHour", "many", Production, "Otp:MaxSendsPerHour")]
    [TestCase("Otp:MaxPrefixShareOfBudget", "2", Production, "Otp:MaxPrefixShareOfBudget")]
    [TestCase("Otp:BudgetWarningShare", "0", Production, "Otp:BudgetWarningShare")]
    [TestCase("Otp:Retention", "01:00:00", Production, "Otp:Retention")]
    [TestCase("Otp:FallbackToCall", "sometimes", Production, "Otp:FallbackToCall")]
    [TestCase("Otp:AllowSignUp", "maybe", Production, "Otp:AllowSignUp")]
    [TestCase("Otp:TestNumbers:02112345678", "246810", Production, "Otp:TestNumbers:02112345678")]
    [TestCase("Otp:TestNumbers:09120000001", "24681", Production, "Otp:TestNumbers:09120000001")]
    [TestCase("Otp:TestNumbers:09120000001", "24681x", Production, "Otp:TestNumbers:09120000001")]
    [TestCase("Otp:TestNumbers:+989120000001", "246810", Production, "Otp:TestNumbers names +989120000001 twice", "Otp:TestNumbers:09120000001=135790")]
    [TestCase("Otp:PurgeInterval", "00:00:00", Production, "Otp:PurgeInterval")]
    [TestCase("Otp:PurgeBatchSize", "0", Production, "Otp:PurgeBatchSize")]
    [TestCase("Otp:PurgeInBackground", "sometimes", Production, "Otp:PurgeInBackground")]
    [TestCase("Otp:HashKey", "short", Production, "Otp:HashKey")]
    [TestCase("Otp:RevealCodes", "true", Production, "Otp:RevealCodes")]
    [TestCase("Otp:RevealCodes", "maybe", Development, "Otp:RevealCodes")]
    [TestCase("Challenge:Enabled", "perhaps", Production, "Challenge:Enabled")]
    [TestCase("Challenge:PressureShare", "1.5", Production, "Challenge:PressureShare")]
    [TestCase("Challenge:HmacKey", "short", Production, "Challenge:HmacKey", "Challenge:Enabled=true")]
    [TestCase("Challenge:HmacKey", PilitoApp.SigningKey, Production, "Challenge:HmacKey", "Challenge:Enabled=true")]
    [TestCase("Challenge:MaxNumber", "10", Production, "Challenge:MaxNumber")]
    [TestCase("Challenge:Lifetime", "02:00:00", Production, "Challenge:Lifetime")]
    [TestCase("Auth:SigningKey", "short", Production, "Auth:SigningKey")]
    [TestCase("Auth:SigningKey", "short", Production, "Auth:SigningKey", "Auth:SigningAlgorithm=HS256")]
    [TestCase("Auth:SigningKey", "", Production, "Auth:SigningKey", "Auth:SigningAlgorithm=HS256")]
    [TestCase("Auth:SigningAlgorithm", "RS256", Production, "Auth:SigningAlgorithm")]
    [TestCase("Auth:SigningAlgorithm", "none", Production, "Auth:SigningAlgorithm")]
    [TestCase("Auth:SigningAlgorithm", "es256", Production, "Auth:SigningAlgorithm")]
    [TestCase("Auth:KeyRotation", "00:10:00", Production, "Auth:KeyRotation")]
    [TestCase("Auth:KeyRotation", "monthly", Production, "Auth:KeyRotation")]
    [TestCase("Auth:AccessTokenLifetime", "00:00:01", Production, "Auth:AccessTokenLifetime")]
    [TestCase("Auth:RefreshTokenLifetime", "forever", Production, "Auth:RefreshTokenLifetime")]
    [TestCase("Auth:Issuer", "", Production, "Auth:Issuer")]
    [TestCase("Auth:Audience", "", Production, "Auth:Audience")]
    [TestCase("Auth:MaxRefreshFailuresPerIpPerHour", "0", Production, "Auth:MaxRefreshFailuresPerIpPerHour")]
    [TestCase("Admin:SessionIdleTimeout", "00:00:10", Production, "Admin:SessionIdleTimeout")]
    [TestCase("Admin:SessionLifetime", "30.00:00:00", Production, "Admin:SessionLifetime")]
    [TestCase("Admin:SessionLifetime", "half a day", Production, "Admin:SessionLifetime")]
    [TestCase("Admin:MaxFailedSignInsPerAddressPerHour", "0", Production, "Admin:MaxFailedSignInsPerAddressPerHour")]
    [TestCase("Admin:MaxFailedSignInsPerAccountPerAddress", "many", Production, "Admin:MaxFailedSignInsPerAccountPerAddress")]
    [TestCase("Admin:AuditRetention", "12:00:00", Production, "Admin:AuditRetention")]
    [TestCase("Admin:AuditRetention", "-1.00:00:00", Production, "Admin:AuditRetention")]
    [TestCase("Admin:AuditRetention", "a year", Production, "Admin:AuditRetention")]
    [TestCase("Admin:RequireTwoFactor", "maybe", Production, "Admin:RequireTwoFactor")]
    [TestCase("Management:Urls", "monitoring", Production, "Management:Urls")]
    [TestCase("Management:Urls", "http://127.0.0.1", Production, "Management:Urls")]
    [TestCase("Management:Urls", "http://127.0.0.1:70000", Production, "Management:Urls")]
    [TestCase("Management:Urls", "http://127.0.0.1:8000", Production, "Management:Urls", "Urls=http://127.0.0.1:8000")]
    [TestCase("DataProtection:CertificatePath", "/nonexistent/key-ring.pem", Production, "DataProtection:CertificatePath")]
    [TestCase("Database:Provider", "Oracle", Production, "Database:Provider")]
    [TestCase("ConnectionStrings:Pilito", "Data Sourc=pilito.db", Production, "ConnectionStrings:Pilito")]
    [TestCase("ConnectionStrings:Pilito", "Server=db;Bogus Keyword=1", Production, "ConnectionStrings:Pilito", "Database:Provider=SqlServer")]
    [TestCase("ConnectionStrings:Pilito", "Host=db;Bogus Keyword=1", Production, "ConnectionStrings:Pilito", "Database:Provider=PostgreSQL")]
    [TestCase("ConnectionStrings:Pilito", "Data Source=pilito.db", Production, "ConnectionStrings:Pilito", "Database:Provider=PostgreSQL")]
    [TestCase("ConnectionStrings:Pilito", "Host=db;Username=pilito", Production, "ConnectionStrings:Pilito", "Database:Provider=PostgreSQL")]
    [TestCase("ConnectionStrings:Pilito", "", Production, "ConnectionStrings:Pilito", "Database:Provider=PostgreSQL")]
    [TestCase("ConnectionStrings:Pilito", "", Production, "ConnectionStrings:Pilito", "Database:Provider=SqlServer")]
    [TestCase("Database:MigrateOnStartup", "yes please", Production, "Database:MigrateOnStartup")]
    [TestCase("Database:SqliteBusyTimeout", "00:00:00", Production, "Database:SqliteBusyTimeout")]
    [TestCase("Database:SqliteSynchronous", "Off", Production, "Database:SqliteSynchronous")]
    [TestCase("Database:MaxWritesPerCommit", "0", Production, "Database:MaxWritesPerCommit")]
    [TestCase("Database:MaxQueuedWrites", "0", Production, "Database:MaxQueuedWrites")]
    [TestCase("Database:WriteQueueTimeout", "00:00:00", Production, "Database:WriteQueueTimeout")]
    [TestCase("Admin:SeedEmail", "not-an-email", Development, "Admin:SeedEmail")]
    [TestCase("Admin:SeedPassword", "", Development, "Admin:SeedPassword", "Admin:SeedEmail=seed@pilito.test")]
    [TestCase("Webhooks:Endpoints:0:Url", "not a url", Production, "Webhooks:Endpoints:0:Url", "Webhooks:Endpoints:0:Secret=whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=")]
    [TestCase("Webhooks:Endpoints:0:Url", "ftp://app.example/hooks", Production, "Webhooks:Endpoints:0:Url", "Webhooks:Endpoints:0:Secret=whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=")]
    [TestCase("Webhooks:Endpoints:0:Url", "https://user:pass@app.example/hooks", Production, "Webhooks:Endpoints:0:Url", "Webhooks:Endpoints:0:Secret=whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=")]
    [TestCase("Webhooks:Endpoints:0:Secret", "a-plain-shared-secret", Production, "Webhooks:Endpoints:0:Secret", "Webhooks:Endpoints:0:Url=https://app.example/hooks")]
    [TestCase("Webhooks:Endpoints:0:Secret", "whsec_c2hvcnQ=", Production, "Webhooks:Endpoints:0:Secret", "Webhooks:Endpoints:0:Url=https://app.example/hooks")]
    [TestCase("Webhooks:Endpoints:0:Secret", "whsec_not base64!", Production, "Webhooks:Endpoints:0:Secret", "Webhooks:Endpoints:0:Url=https://app.example/hooks")]
    [TestCase("Webhooks:Endpoints:0:Events:0", "otp.sen", Production, "Webhooks:Endpoints:0:Events", "Webhooks:Endpoints:0:Url=https://app.example/hooks")]
    [TestCase("Webhooks:Timeout", "00:05:00", Production, "Webhooks:Timeout")]
    [TestCase("Webhooks:Retention", "01:00:00", Production, "Webhooks:Retention")]
    [TestCase("Webhooks:PollInterval", "00:00:00", Production, "Webhooks:PollInterval")]
    [TestCase("Webhooks:PollInterval", "often", Production, "Webhooks:PollInterval")]
    [TestCase("Urls", "nonsense", Production, "Urls")]
    [TestCase("Urls", "http://localhost:99999", Production, "Urls")]
    [TestCase("https_port", "443x", Production, "https_port")]
    [TestCase("ForwardedHeaders:KnownProxies:0", "proxy.local", Production, "ForwardedHeaders:KnownProxies:0")]
    [TestCase("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/99", Production, "ForwardedHeaders:KnownNetworks:0")]
    [TestCase("Logging:File:Path", "/", Production, "Logging:File:Path")]
    public void A_wrong_setting_stops_the_start_with_one_line_naming_it(string setting, string value, string environment, string named, string? also = null)
    {
        var settings = Valid();
        settings[setting] = value;
        if (also?.Split('=', 2) is [var key, var other])
            settings[key] = other;

        var line = StartLine(environment, settings);

        TestContext.Out.WriteLine(line);
        Assert.That(line, Is.Not.Null, $"{setting}={value} was taken");
        Assert.That(line, Does.StartWith(StartFailure.Prefix).And.Contain(named));
        Assert.That(line, Does.Not.Contain("\n").And.Not.Contain("   at "), "one line, no stack trace");
    }

    [TestCase("Sms:Templates:fa")]
    [TestCase("Sms:OtpMessageTemplate")]
    public void A_text_that_only_the_autofill_lines_push_over_900_characters_stops_the_start(string setting)
    {
        var settings = Valid();
        settings[setting] = new string('x', 880) + "{code}"; // 890 characters with a ten-digit code: fits alone
        settings["Sms:AutofillDomain"] = "app.example.ir";

        Assert.That(StartLine(Production, settings), Does.Contain(setting).And.Contain("900"));
        settings.Remove("Sms:AutofillDomain");
        Assert.That(StartLine(Production, settings), Is.Null);
    }

    [Test]
    public void A_wrong_webhook_secret_is_named_but_never_shown()
    {
        var settings = Valid();
        settings["Webhooks:Endpoints:0:Url"] = "https://app.example/hooks";
        settings["Webhooks:Endpoints:0:Secret"] = "whsec_dG9vLXNob3J0LXNlY3JldA==";

        Assert.That(StartLine(Production, settings), Does.Contain("Webhooks:Endpoints:0:Secret").And.Not.Contain("dG9vLXNob3J0LXNlY3JldA"));
    }

    [Test]
    public void Two_entries_for_one_webhook_url_stop_the_start()
    {
        var settings = Valid();
        foreach (var i in new[] { 0, 1 })
        {
            settings[$"Webhooks:Endpoints:{i}:Url"] = "https://app.example/hooks";
            settings[$"Webhooks:Endpoints:{i}:Secret"] = "whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";
        }

        Assert.That(StartLine(Production, settings), Does.Contain("Webhooks:Endpoints lists one Url twice"));
        settings["Webhooks:Endpoints:1:Url"] = "https://app.example/other-hooks";
        Assert.That(StartLine(Production, settings), Is.Null);
    }

    [TestCase(Production)]
    [TestCase(Development)]
    public void The_valid_settings_of_these_cases_start(string environment) =>
        Assert.That(StartLine(environment, Valid()), Is.Null);

    [Test]
    public void Production_with_ES256_starts_without_a_signing_key()
    {
        var settings = Valid();
        settings.Remove("Auth:SigningKey");

        Assert.That(StartLine(Production, settings), Is.Null);
    }

    private static Dictionary<string, string?> Valid() => StartAttempt.Valid();

    private static string? StartLine(string environment, Dictionary<string, string?> settings) => StartAttempt.Line(environment, settings);
}
