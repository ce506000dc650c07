using Pilito.Domain.Phones;

namespace Pilito.Domain.Tests.Phones;

/// <summary>
/// Lookalike input (docs/security.md): invisible marks and other digit sets that people paste are normalized;
/// anything that only resembles a digit or a separator is refused.
/// </summary>
public sealed class PhoneNumberLookalikeTests
{
    private const string Expected = "+989123456789";

    [TestCase("\u200E09123456789", TestName = "Left-to-right mark before")]
    [TestCase("09123456789\u200F", TestName = "Right-to-left mark after")]
    [TestCase("\u202B09123456789\u202C", TestName = "Right-to-left embedding around")]
    [TestCase("\u206809123456789\u2069", TestName = "First-strong isolate around")]
    [TestCase("\u200E+989123456789", TestName = "Mark before the plus sign")]
    [TestCase("0912\u200B345\u200C6789", TestName = "Zero-width space and non-joiner between digits")]
    [TestCase("\uFEFF09123456789", TestName = "Byte-order mark before")]
    [TestCase("\u061C۰۹۱۲۳۴۵۶۷۸۹", TestName = "Arabic letter mark before Persian digits")]
    [TestCase("０９１２３４５６７８９", TestName = "Full-width digits")]
    [TestCase("0912\u00A0345\u00A06789", TestName = "No-break spaces between digits")]
    [TestCase("0912\u202F345\u202F6789", TestName = "Narrow no-break spaces between digits")]
    public void Normalized_lookalikes_give_the_canonical_number(string typed)
    {
        Assert.That(PhoneNumber.TryParse(typed, out var phone), Is.True);
        Assert.That(phone!.E164, Is.EqualTo(Expected));
    }

    [TestCase("０９１２３４５６７८९", TestName = "Devanagari digits")]
    [TestCase("09123456789\u0000", TestName = "Null character")]
    [TestCase("0912\u2013345\u20136789", TestName = "En dashes between digits")]
    [TestCase("0912\u3000345\u30006789", TestName = "Ideographic spaces between digits")]
    [TestCase("091234567８9\u20E3", TestName = "Combining keycap")]
    [TestCase("\uFF0B989123456789", TestName = "Full-width plus sign")]
    [TestCase("0912345678𝟗", TestName = "Mathematical bold digit")]
    [TestCase("09123456789\U0001F600", TestName = "Emoji after")]
    [TestCase("٠٩١٢٣٤٥٦٧٨٩٠", TestName = "Twelve Arabic-Indic digits")]
    public void Lookalikes_that_are_not_digits_or_separators_are_refused(string typed)
    {
        Assert.That(PhoneNumber.TryParse(typed, out _), Is.False);
    }
}
