using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Pilito.Web.Configuration;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Security;

/// <summary>
/// With <c>DataProtection:CertificatePath</c>, the Data Protection key ring in the database is encrypted with a
/// certificate kept outside it, so a dump of the database holds neither a usable staff-cookie key nor, through it,
/// the ES256 private keys. Every instance given the certificate reads the ring; a wrong certificate setting stops the
/// start with one line and never shows the password.
/// </summary>
public sealed class KeyRingProtectionTests
{
    private const string Password = "certificate-password-7Qx";
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("pilito-keyring-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task Without_a_certificate_the_ring_is_stored_as_Data_Protection_stores_it()
    {
        await using var app = new PilitoApp(null);
        await SignInAsync(app);

        Assert.That(await KeyXmlAsync(app), Has.All.Contain("unencrypted form"), "the baseline this setting closes");
    }

    [Test]
    public async Task With_a_certificate_every_key_of_the_ring_is_encrypted()
    {
        await using var app = new PilitoApp(null, Settings(RsaPfx("current.pfx")));
        await SignInAsync(app);

        var keys = await KeyXmlAsync(app);
        Assert.That(keys, Is.Not.Empty);
        Assert.That(keys, Has.All.Contain("encryptedSecret").And.All.Not.Contain("unencrypted form").And.All.Not.Contain("<masterKey"));
    }

    [Test]
    public async Task A_second_instance_with_the_certificate_reads_the_ring_and_signs_with_the_same_key()
    {
        var settings = Settings(RsaPfx("current.pfx"));
        await using var first = new PilitoApp(null, settings);
        await SignInAsync(first);
        await using var second = new PilitoApp(null, settings, databasePath: first.DatabasePath);

        var body = await SignInAsync(second); // signs with the private key the first made, unprotected through the ring

        Assert.That(await Database.ScalarAsync(second, """SELECT COUNT(*) FROM "SigningKeys" """), Is.EqualTo(1), "one key, shared");
        Assert.That(body.GetProperty("access_token").GetString(), Is.Not.Empty);
    }

    [Test]
    public async Task Keys_written_under_a_previous_certificate_stay_readable_after_a_new_one()
    {
        var old = RsaPfx("old.pfx");
        await using var before = new PilitoApp(null, Settings(old));
        await SignInAsync(before);
        var settings = Settings(RsaPfx("new.pfx"));
        settings[KeyRingProtection.PreviousCertificatePathsSetting + ":0"] = old;
        await using var after = new PilitoApp(null, settings, databasePath: before.DatabasePath);

        await SignInAsync(after);

        Assert.That(await Database.ScalarAsync(after, """SELECT COUNT(*) FROM "SigningKeys" """), Is.EqualTo(1), "the old key was read, not replaced");
    }

    [Test]
    public void A_missing_file_is_named()
    {
        var line = StartLine(Settings(Path.Combine(_folder, "nowhere.pfx")));

        Assert.That(line, Does.StartWith(StartFailure.Prefix).And.Contain(KeyRingProtection.CertificatePathSetting).And.Contain("no file"));
    }

    [Test]
    public void A_missing_previous_certificate_is_named()
    {
        var settings = Settings(RsaPfx("current.pfx"));
        settings[KeyRingProtection.PreviousCertificatePathsSetting + ":0"] = Path.Combine(_folder, "gone.pfx");

        var line = StartLine(settings);

        Assert.That(line, Does.StartWith(StartFailure.Prefix).And.Contain(KeyRingProtection.PreviousCertificatePathsSetting + ":0"));
    }

    [Test]
    public void A_wrong_password_is_named_and_never_shown()
    {
        var settings = Settings(RsaPfx("current.pfx"));
        settings[KeyRingProtection.CertificatePasswordSetting] = "wrong-password-Zk9";

        var line = StartLine(settings);

        Assert.That(line, Does.StartWith(StartFailure.Prefix).And.Contain(KeyRingProtection.CertificatePasswordSetting));
        Assert.That(line, Does.Not.Contain("wrong-password-Zk9").And.Not.Contain(Password));
    }

    [Test]
    public void A_certificate_without_an_RSA_key_is_refused()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest("CN=pilito-key-ring", ecdsa, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_folder, "ec.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));

        var line = StartLine(Settings(path));

        Assert.That(line, Does.StartWith(StartFailure.Prefix).And.Contain("RSA").And.Contain(KeyRingProtection.CertificatePathSetting));
    }

    [Test]
    public void A_PEM_file_with_the_certificate_and_its_key_is_taken()
    {
        var settings = Settings(TestCertificates.RsaPem(Path.Combine(_folder, "key-ring.pem")));
        settings.Remove(KeyRingProtection.CertificatePasswordSetting);

        Assert.That(StartLine(settings), Is.Null);
    }

    private static Dictionary<string, string?> Settings(string certificatePath) => new()
    {
        [KeyRingProtection.CertificatePathSetting] = certificatePath,
        [KeyRingProtection.CertificatePasswordSetting] = Password,
    };

    private string RsaPfx(string name) => TestCertificates.RsaPfx(Path.Combine(_folder, name), Password);

    private static async Task<System.Text.Json.JsonElement> SignInAsync(PilitoApp app)
    {
        using var client = app.CreateClient();
        return await client.SignInAsync(Phones.NextNational());
    }

    private static async Task<List<string>> KeyXmlAsync(PilitoApp app)
    {
        await using var connection = await Database.OpenAsync(app);
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Xml" FROM "DataProtectionKeys" """;
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            keys.Add(reader.GetString(0));
        return keys;
    }

    private static string? StartLine(Dictionary<string, string?> overrides)
    {
        var settings = StartAttempt.Valid();
        foreach (var (key, value) in overrides)
            settings[key] = value;
        return StartAttempt.Line("Production", settings);
    }
}
