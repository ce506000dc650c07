using Pilito.Domain.Sms;

namespace Pilito.Domain.Tests.Sms;

public sealed class SmsSegmentsTests
{
    [Test]
    public void A_short_latin_text_is_one_gsm7_message()
    {
        var segments = SmsSegments.Of("Your Pilito verification code: 123456");

        Assert.That(segments, Is.EqualTo(new SmsSegments(SmsEncoding.Gsm7, 37, 1)));
    }

    [TestCase(160, 1)]
    [TestCase(161, 2)]
    [TestCase(306, 2)]
    [TestCase(307, 3)]
    public void Gsm7_holds_160_alone_and_153_a_part(int length, int count) =>
        Assert.That(SmsSegments.Of(new string('a', length)).Count, Is.EqualTo(count));

    [TestCase(70, 1)]
    [TestCase(71, 2)]
    [TestCase(134, 2)]
    [TestCase(135, 3)]
    public void Ucs2_holds_70_alone_and_67_a_part(int length, int count) =>
        Assert.That(SmsSegments.Of(new string('ک', length)).Count, Is.EqualTo(count));

    [Test]
    public void One_persian_letter_makes_the_whole_text_ucs2()
    {
        var segments = SmsSegments.Of(new string('a', 100) + "ک");

        Assert.That(segments.Encoding, Is.EqualTo(SmsEncoding.Ucs2));
        Assert.That(segments.Count, Is.EqualTo(2), "101 characters: one GSM-7 message, two UCS-2 parts");
    }

    [Test]
    public void Extension_characters_take_two_septets()
    {
        var segments = SmsSegments.Of("{code} €");

        Assert.That(segments, Is.EqualTo(new SmsSegments(SmsEncoding.Gsm7, 11, 1)), "{ } € two each, code and the space one each");
    }

    [Test]
    public void A_line_break_is_one_gsm7_character()
    {
        Assert.That(SmsSegments.Of("code\n@app.example.ir #123456").Length, Is.EqualTo(28));
    }
}
