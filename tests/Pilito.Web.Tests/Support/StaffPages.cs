using System.Net;
using System.Text.RegularExpressions;

namespace Pilito.Web.Tests.Support;

/// <summary>What the two-factor pages show, read as a test reads HTML; and their forms, posted as a browser would.</summary>
public static partial class StaffPages
{
    public const string TwoFactor = "/admin/account/two-factor/";

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string? handler, IDictionary<string, string>? fields = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var form = new Dictionary<string, string>(fields ?? new Dictionary<string, string>())
        {
            ["__RequestVerificationToken"] = await Staff.AntiforgeryTokenAsync(client, path),
        };
        var target = handler is null ? path : $"{path}?handler={handler}";
        return await client.PostAsync(new Uri(target, UriKind.Relative), new FormUrlEncodedContent(form));
    }

    /// <summary>Enrols through the page: reads the shown key, confirms with a code computed from it. Key and recovery codes.</summary>
    public static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnrolAsync(HttpClient client, DateTimeOffset now)
    {
        var key = SharedKey(await client.GetStringAsync(new Uri(TwoFactor, UriKind.Relative)));
        using var enabled = await PostAsync(client, TwoFactor, "Enable", new Dictionary<string, string> { ["Code"] = Totp.Code(key, now) });
        var html = await enabled.Content.ReadAsStringAsync();
        Assert.That(enabled.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        return (key, RecoveryCodes(html));
    }

    /// <summary>The key as the page shows it (groups of four), without the spaces.</summary>
    public static string SharedKey(string html)
    {
        var match = SharedKeyField().Match(html);
        Assert.That(match.Success, Is.True, "the page shows the key");
        return match.Groups[1].Value.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
    }

    public static string? QrCode(string html) => QrCodeImage().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    public static IReadOnlyList<string> RecoveryCodes(string html) => [.. RecoveryCode().Matches(html).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("id=\"shared-key\" dir=\"ltr\">([a-z2-7 ]+)</kbd>")]
    private static partial Regex SharedKeyField();

    [GeneratedRegex("id=\"qr-code\" src=\"([^\"]+)\"")]
    private static partial Regex QrCodeImage();

    [GeneratedRegex("<li class=\"recovery-code\">([^<]+)</li>")]
    private static partial Regex RecoveryCode();
}
