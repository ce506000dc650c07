using Pilito.Application.Otp.RequestOtp;

namespace Pilito.Application.Tests.Otp;

/// <summary>Templates people can read (issue #17): which language a code's SMS is written in.</summary>
public sealed class MessageLanguagesTests
{
    private static readonly string[] FaAndEn = ["fa", "en"];
    private static readonly string[] EnOnly = ["en"];

    [Test]
    public void Without_templates_no_language_is_chosen_whatever_is_asked() =>
        Assert.That(MessageLanguages.Choose("en", ["fa"], iranianNumber: true, []), Is.Null);

    [TestCase("en", "en")]
    [TestCase("EN", "en")]
    [TestCase("en-US", "en")]
    [TestCase("en_GB", "en")]
    [TestCase(" fa ", "fa")]
    [TestCase("fa-IR", "fa")]
    public void The_requested_language_wins_in_any_spelling_of_its_tag(string requested, string expected) =>
        Assert.That(MessageLanguages.Choose(requested, ["fa"], iranianNumber: true, FaAndEn), Is.EqualTo(expected));

    [Test]
    public void The_requested_language_wins_over_accept_language() =>
        Assert.That(MessageLanguages.Choose("en", ["fa"], iranianNumber: true, FaAndEn), Is.EqualTo("en"));

    [TestCase("de")]
    [TestCase("")]
    [TestCase("*")]
    [TestCase("e")]
    [TestCase("12")]
    [TestCase("klingon-and-much-more-than-thirty-five-characters")]
    public void An_unsupported_request_falls_back_to_accept_language(string requested) =>
        Assert.That(MessageLanguages.Choose(requested, ["de-DE", "en-US", "fa"], iranianNumber: true, FaAndEn), Is.EqualTo("en"));

    [Test]
    public void Accept_language_gives_the_first_tag_with_a_template() =>
        Assert.That(MessageLanguages.Choose(null, ["de", "*", "fa-IR", "en"], iranianNumber: true, FaAndEn), Is.EqualTo("fa"));

    [Test]
    public void Nothing_asked_is_persian_for_an_iranian_number_when_a_persian_template_exists() =>
        Assert.That(MessageLanguages.Choose(null, null, iranianNumber: true, FaAndEn), Is.EqualTo("fa"));

    [Test]
    public void Nothing_supported_is_persian_too() =>
        Assert.That(MessageLanguages.Choose("de", ["ru"], iranianNumber: true, FaAndEn), Is.EqualTo("fa"));

    [Test]
    public void Without_a_persian_template_nothing_asked_is_the_default_text() =>
        Assert.That(MessageLanguages.Choose(null, [], iranianNumber: true, EnOnly), Is.Null);

    [Test]
    public void A_foreign_number_gets_no_persian_default() =>
        Assert.That(MessageLanguages.Choose(null, [], iranianNumber: false, FaAndEn), Is.Null);
}
