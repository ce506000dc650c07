namespace Pilito.Web.Tests.Support;

/// <summary>A <see cref="StandInFixture"/> with an sms.ir stand-in besides Kavenegar's, and settings that list providers.</summary>
public abstract class SmsIrFixture(TestProvider provider = TestProvider.Sqlite) : StandInFixture(provider)
{
    protected SmsIrStandIn SmsIr { get; private set; } = null!;

    /// <summary>Settings that send through <paramref name="providers"/>, in that order, with sms.ir at its stand-in.</summary>
    protected Dictionary<string, string?> Providers(params string[] providers)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Sms:Provider"] = null,
            ["SmsIr:ApiKey"] = SmsIrStandIn.ValidKey,
            ["SmsIr:BaseUrl"] = SmsIr.BaseUrl.ToString(),
            ["SmsIr:TemplateId"] = SmsIrStandIn.Template.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SmsIr:Timeout"] = "00:00:01",
            ["Kavenegar:Timeout"] = "00:00:01",
        };
        for (var i = 0; i < providers.Length; i++)
            settings[$"Sms:Providers:{i}"] = providers[i];
        return settings;
    }

    protected override async Task StartOtherStandInsAsync() => SmsIr = await SmsIrStandIn.StartAsync();

    protected override async ValueTask StopOtherStandInsAsync()
    {
        if (SmsIr is not null)
            await SmsIr.DisposeAsync();
    }
}
