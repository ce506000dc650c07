using Pilito.Domain.Phones;

namespace Pilito.Domain.Tests.Phones;

public sealed class PhoneNumberTests
{
    private const string E164 = "+989123456789";
    private const string National = "09123456789";

    [TestCase("+989123456789")]
    [TestCase("989123456789")]
    [TestCase("09123456789")]
    [TestCase("00989123456789")]
    [TestCase("۰۹۱۲۳۴۵۶۷۸۹", TestName = "{m}(Persian digits)")]
    [TestCase("٠٩١٢٣٤٥٦٧٨٩", TestName = "{m}(Arabic-Indic digits)")]
    [TestCase("۰٩1۲٣4۵٦7۸٩", TestName = "{m}(Mixed digit sets)")]
    [TestCase("+۹۸۹۱۲۳۴۵۶۷۸۹", TestName = "{m}(Plus with Persian digits)")]
    [TestCase("۰۰۹۸۹۱۲۳۴۵۶۷۸۹", TestName = "{m}(Double zero with Persian digits)")]
    [TestCase("0912 345 6789")]
    [TestCase("0912-345-6789")]
    [TestCase("0912.345.6789")]
    [TestCase("(0912) 345 6789")]
    [TestCase("+98 912 345 6789")]
    [TestCase("+98 (912) 345-67.89")]
    [TestCase("0098 912 345 6789")]
    [TestCase("  09123456789  ")]
    [TestCase("\t+989123456789\n")]
    public void Accepted_format_normalises_to_one_number(string input)
    {
        var parsed = PhoneNumber.TryParse(input, out var phone);

        Assert.That(parsed, Is.True);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(phone!.E164, Is.EqualTo(E164));
            Assert.That(phone.National, Is.EqualTo(National));
        }
    }

    [TestCase("09123456789")]
    [TestCase("۰۹۱۲۳۴۵۶۷۸۹")]
    [TestCase("+98 912 345 6789")]
    public void Parse_returns_the_same_number_as_TryParse(string input)
    {
        var phone = PhoneNumber.Parse(input);

        Assert.That(phone.E164, Is.EqualTo(E164));
    }

    // Prefixes the phone-number library classes as Iranian mobile.
    [TestCase("09011234567", "+989011234567")]
    [TestCase("09101234567", "+989101234567")]
    [TestCase("09191234567", "+989191234567")]
    [TestCase("09211234567", "+989211234567")]
    [TestCase("09301234567", "+989301234567")]
    [TestCase("09351234567", "+989351234567")]
    [TestCase("09391234567", "+989391234567")]
    [TestCase("09901234567", "+989901234567")]
    [TestCase("09981234567", "+989981234567")]
    [TestCase("+989351234567", "+989351234567")]
    public void Other_mobile_prefixes_are_accepted(string input, string expectedE164)
    {
        var parsed = PhoneNumber.TryParse(input, out var phone);

        Assert.That(parsed, Is.True);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(phone!.E164, Is.EqualTo(expectedE164));
            Assert.That(phone.National, Is.EqualTo("0" + expectedE164[3..]));
        }
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase(" ")]
    [TestCase("   \t\n ")]
    [TestCase("+")]
    [TestCase("()- .")]
    [TestCase("9123456789", TestName = "{m}(Bare national significant number)")]
    [TestCase("02112345678", TestName = "{m}(Tehran landline)")]
    [TestCase("+982112345678", TestName = "{m}(Tehran landline in E164)")]
    [TestCase("09401234567", TestName = "{m}(Unassigned 094 prefix)")]
    [TestCase("09061234567", TestName = "{m}(Unassigned 0906 prefix)")]
    [TestCase("+14155552671", TestName = "{m}(United States)")]
    [TestCase("+447911123456", TestName = "{m}(United Kingdom)")]
    [TestCase("00447911123456", TestName = "{m}(United Kingdom with double zero)")]
    [TestCase("447911123456", TestName = "{m}(United Kingdom without plus)")]
    [TestCase("0912345678", TestName = "{m}(Too short national)")]
    [TestCase("+98912345678", TestName = "{m}(Too short E164)")]
    [TestCase("091234567890", TestName = "{m}(Too long national)")]
    [TestCase("+9891234567890", TestName = "{m}(Too long E164)")]
    [TestCase("009891234567890", TestName = "{m}(Too long double zero)")]
    [TestCase("0912345678a")]
    [TestCase("a09123456789")]
    [TestCase("0912a456789")]
    [TestCase("abc")]
    [TestCase("+09123456789", TestName = "{m}(Plus before a national number)")]
    [TestCase("0912+3456789", TestName = "{m}(Plus in the middle)")]
    [TestCase("+98+9123456789", TestName = "{m}(Second plus after the country code)")]
    [TestCase("++989123456789", TestName = "{m}(Double plus)")]
    [TestCase("0912/345/6789")]
    [TestCase("0912_345_6789")]
    [TestCase("0912,345,6789")]
    [TestCase("0912#3456789")]
    public void Invalid_input_is_refused(string? input)
    {
        var parsed = PhoneNumber.TryParse(input, out var phone);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(parsed, Is.False);
            Assert.That(phone, Is.Null);
        }
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("9123456789")]
    [TestCase("02112345678")]
    [TestCase("+14155552671")]
    [TestCase("0912345678a")]
    [TestCase("0912/345/6789")]
    public void Parse_throws_for_invalid_input(string? input)
    {
        Assert.Throws<InvalidPhoneNumberException>(() => PhoneNumber.Parse(input));
    }

    [Test]
    public void Very_long_string_is_refused()
    {
        var input = "0" + new string('9', 10_000);

        var parsed = PhoneNumber.TryParse(input, out _);

        Assert.That(parsed, Is.False);
    }

    [Test]
    public void Very_long_string_of_separators_around_a_number_is_refused()
    {
        var input = new string('-', 500) + "09123456789" + new string('-', 500);

        Assert.Throws<InvalidPhoneNumberException>(() => PhoneNumber.Parse(input));
    }

    [Test]
    public void Stored_form_reads_back_as_the_same_number()
    {
        var phone = PhoneNumber.Parse("09123456789");

        Assert.That(PhoneNumber.FromE164(phone.E164), Is.EqualTo(phone));
    }

    [TestCase("+98912345678", TestName = "{m}(one digit short)")]
    [TestCase("+989123456789 ", TestName = "{m}(trailing space)")]
    [TestCase("+988123456789", TestName = "{m}(not a mobile prefix)")]
    [TestCase("+999123456789", TestName = "{m}(another country)")]
    [TestCase("+98912345678x", TestName = "{m}(a letter)")]
    [TestCase("09123456789", TestName = "{m}(national form)")]
    [TestCase("", TestName = "{m}(empty)")]
    public void Stored_form_of_another_shape_is_refused(string stored)
    {
        Assert.Throws<InvalidPhoneNumberException>(() => PhoneNumber.FromE164(stored));
    }

    [Test]
    public void Two_formats_of_one_number_are_equal()
    {
        var first = PhoneNumber.Parse("+989123456789");
        var second = PhoneNumber.Parse("۰۹۱۲-۳۴۵-۶۷۸۹");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second, Is.EqualTo(first));
            Assert.That(second == first, Is.True);
            Assert.That(second.GetHashCode(), Is.EqualTo(first.GetHashCode()));
        }
    }

    [Test]
    public void Different_numbers_are_not_equal()
    {
        var first = PhoneNumber.Parse("09123456789");
        var second = PhoneNumber.Parse("09123456788");

        Assert.That(second, Is.Not.EqualTo(first));
    }

    [Test]
    public void ToString_masks_the_middle_digits()
    {
        var phone = PhoneNumber.Parse(National);

        var text = phone.ToString();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(text, Is.EqualTo("+98912****789"));
            Assert.That(text, Does.Not.Contain(E164));
            Assert.That(text, Does.Not.Contain(National));
            Assert.That(text, Does.Not.Contain("9123456789"));
        }
    }
}
