using System.Text.Json;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Observability;

/// <summary>Logging:File:Path: a rolling file of JSON lines (Serilog), for hosts without a log collector.</summary>
public sealed class LogFileTests
{
    private KavenegarStandIn _kavenegar = null!;
    private string _directory = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _kavenegar = await KavenegarStandIn.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _kavenegar.DisposeAsync();

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"pilito-logs-{Guid.NewGuid():N}")).FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task Send_is_written_as_a_JSON_line_with_the_receptor_masked()
    {
        var phone = Phones.NextNational();
        var e164 = Phones.ToE164(phone);
        await SendCodeAsync(phone);

        var file = Directory.GetFiles(_directory).Single();
        Assert.That(Path.GetFileName(file), Does.Match(@"^pilito\d{8}\.json$"), "the date goes before the extension");
        var send = (await File.ReadAllLinesAsync(file))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Single(e => e.GetProperty("MessageTemplate").GetString()!.StartsWith("SMS via", StringComparison.Ordinal));
        var masked = $"{e164[..6]}****{e164[^3..]}";
        Assert.That(send.GetProperty("Properties").GetProperty("Receptor").GetString(), Is.EqualTo(masked));
        Assert.That(send.GetProperty("RenderedMessage").GetString(), Does.Contain(masked));
        Assert.That(send.GetProperty("Level").GetString(), Is.EqualTo("Information"));
    }

    [Test]
    public async Task File_holds_neither_the_code_nor_the_key_nor_the_phone()
    {
        var phone = Phones.NextNational();
        var code = await SendCodeAsync(phone);

        var text = await File.ReadAllTextAsync(Directory.GetFiles(_directory).Single());

        Assert.That(text, Does.Contain("SMS via"), "the send was logged");
        Assert.That(text, Does.Not.Match($@"(?<!\d){code}(?!\d)"));
        Assert.That(text, Does.Not.Contain(KavenegarStandIn.ValidKey));
        Assert.That(text, Does.Not.Contain(phone));
        Assert.That(text, Does.Not.Contain(Phones.ToE164(phone)));
    }

    // Requests a code with the log file on, then stops the app so the file is complete and closed.
    private async Task<string> SendCodeAsync(string phone)
    {
        await using var app = new PilitoApp(_kavenegar.BaseUrl, new Dictionary<string, string?>
        {
            ["Logging:File:Path"] = Path.Combine(_directory, "pilito.json"),
        });
        using var client = app.CreateClient();
        return await client.RequestCodeAsync(phone);
    }
}
