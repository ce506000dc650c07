namespace Pilito.Application.Otp.RequestOtp;

/// <summary>
/// Which language a code's SMS is written in (issue #17): the request's <c>"language"</c>, else the best of the
/// Accept-Language header, else Persian for an Iranian number, each only when a template exists in that language;
/// null means the default template (Sms:OtpMessageTemplate). A tag the sender cannot write is passed over, never refused.
/// </summary>
public static class MessageLanguages
{
    /// <summary>Persian: the language of Iranian numbers.</summary>
    public const string Persian = "fa";

    /// <summary>
    /// Longer than this, a <c>"language"</c> is not a language tag but abuse: a 400 (RFC 5646 asks implementations to
    /// handle tags of at least 35 characters).
    /// </summary>
    public const int MaxTagLength = 35;

    /// <param name="requested">The request's <c>"language"</c>, as sent.</param>
    /// <param name="accepted">The Accept-Language header's tags, most preferred first.</param>
    /// <param name="iranianNumber">Whether the code goes to an Iranian number.</param>
    /// <param name="available">The languages the sender has templates in (primary subtags, lower case).</param>
    public static string? Choose(string? requested, IEnumerable<string>? accepted, bool iranianNumber, IReadOnlyCollection<string> available)
    {
        ArgumentNullException.ThrowIfNull(available);
        if (available.Count == 0)
            return null; // no templates: exactly the text of before
        if (Match(requested, available) is { } chosen)
            return chosen;
        foreach (var tag in accepted ?? [])
        {
            if (Match(tag, available) is { } preferred)
                return preferred;
        }

        return iranianNumber && available.Contains(Persian) ? Persian : null;
    }

    /// <summary>"fa-IR", "FA" or "fa" → "fa" when a template exists in it; "*", "" and unknown tags → null.</summary>
    public static string? Match(string? tag, IReadOnlyCollection<string> available)
    {
        ArgumentNullException.ThrowIfNull(available);
        if (string.IsNullOrWhiteSpace(tag) || tag.Length > MaxTagLength)
            return null;
        var primary = tag.Trim().Split('-', '_')[0].ToLowerInvariant();
        return primary.Length is >= 2 and <= 8 && primary.All(char.IsAsciiLetter) && available.Contains(primary) ? primary : null;
    }
}
