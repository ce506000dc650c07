using System.Text;
using System.Text.Encodings.Web;
using QRCoder;

namespace Pilito.Web.Admin;

/// <summary>
/// The enrolment's otpauth URI (the key URI format authenticator apps read) and its QR code, drawn on the server as a
/// PNG data URI: the admin pages' Content-Security-Policy allows `img-src data:` and no script from elsewhere.
/// </summary>
public static class AuthenticatorQrCode
{
    public const string Issuer = "Pilito";

    public static string OtpAuthUri(string email, string key)
    {
        var issuer = UrlEncoder.Default.Encode(Issuer);
        return $"otpauth://totp/{issuer}:{UrlEncoder.Default.Encode(email)}?secret={key}&issuer={issuer}&digits=6";
    }

    public static string PngDataUri(string otpAuthUri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(otpAuthUri, QRCodeGenerator.ECCLevel.M);
        using var png = new PngByteQRCode(data);
        return "data:image/png;base64," + Convert.ToBase64String(png.GetGraphic(6));
    }

    /// <summary>The key in groups of four, lower case, as people type it into an app by hand.</summary>
    public static string Grouped(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var builder = new StringBuilder(key.Length + (key.Length / 4));
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0)
                builder.Append(' ');
            builder.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }

        return builder.ToString().ToLowerInvariant();
    }
}
