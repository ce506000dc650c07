namespace Pilito.Domain.Sms;

/// <summary>The alphabet a phone network sends a text in (3GPP TS 23.038).</summary>
public enum SmsEncoding
{
    /// <summary>The GSM 7-bit default alphabet: 160 characters in one message, 153 per part when split.</summary>
    Gsm7,

    /// <summary>UCS-2, needed by any other character (Persian among them): 70 in one message, 67 per part when split.</summary>
    Ucs2,
}

/// <summary>
/// How many messages a text costs: the network splits a long text into parts that each carry a header, and the
/// provider bills every part. One Persian letter turns the whole text into UCS-2, less than half the room.
/// </summary>
public sealed record SmsSegments(SmsEncoding Encoding, int Length, int Count)
{
    private const string Gsm7Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    // Sent as an escape and the character: two septets each.
    private const string Gsm7Extension = "^{}\\[~]|€\f";

    /// <summary>Characters (septets in GSM-7, UTF-16 units in UCS-2) one unsplit message holds.</summary>
    public int SingleLimit => Encoding == SmsEncoding.Gsm7 ? 160 : 70;

    /// <summary>Characters each part of a split message holds.</summary>
    public int PartLimit => Encoding == SmsEncoding.Gsm7 ? 153 : 67;

    public static SmsSegments Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var septets = 0;
        foreach (var c in text)
        {
            if (Gsm7Basic.Contains(c, StringComparison.Ordinal))
                septets++;
            else if (Gsm7Extension.Contains(c, StringComparison.Ordinal))
                septets += 2;
            else
                return Split(SmsEncoding.Ucs2, text.Length, single: 70, part: 67);
        }

        return Split(SmsEncoding.Gsm7, septets, single: 160, part: 153);
    }

    private static SmsSegments Split(SmsEncoding encoding, int length, int single, int part) =>
        new(encoding, length, length <= single ? 1 : (length + part - 1) / part);
}
