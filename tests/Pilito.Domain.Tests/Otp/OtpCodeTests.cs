using Pilito.Domain.Otp;

namespace Pilito.Domain.Tests.Otp;

public sealed class OtpCodeTests
{
    [TestCase(4)]
    [TestCase(5)]
    [TestCase(6)]
    [TestCase(8)]
    [TestCase(10)]
    public void Generate_gives_the_requested_number_of_ascii_digits(int length)
    {
        var code = OtpCode.Generate(length);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Has.Length.EqualTo(length));
            Assert.That(code.All(char.IsAsciiDigit), Is.True, code);
        }
    }

    [TestCase(-1)]
    [TestCase(0)]
    [TestCase(3)]
    [TestCase(11)]
    [TestCase(int.MaxValue)]
    public void Generate_refuses_a_length_out_of_range(int length)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OtpCode.Generate(length));
    }

    [Test]
    public void Generated_codes_keep_leading_zeros()
    {
        // 0.9^2000 chance that none starts with 0: negligible.
        var codes = Enumerable.Range(0, 2000).Select(_ => OtpCode.Generate(4)).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(codes, Has.Some.StartsWith("0"));
            Assert.That(codes, Has.All.Length.EqualTo(4));
        }
    }

    [Test]
    public void Generated_codes_use_all_ten_digits()
    {
        var digits = Enumerable.Range(0, 2000).SelectMany(_ => OtpCode.Generate(4)).ToHashSet();

        Assert.That(digits, Is.EquivalentTo("0123456789"));
    }

    [TestCase(6)]
    [TestCase(10)]
    public void Every_position_of_a_code_is_spread_evenly_over_the_ten_digits(int length)
    {
        const int Codes = 20_000;
        var counts = new int[length, 10];
        for (var i = 0; i < Codes; i++)
        {
            var code = OtpCode.Generate(length);
            for (var position = 0; position < length; position++)
                counts[position, code[position] - '0']++;
        }

        // Expected 2,000 per digit and position; ±300 is more than six standard deviations (σ ≈ 42).
        for (var position = 0; position < length; position++)
        {
            for (var digit = 0; digit < 10; digit++)
                Assert.That(counts[position, digit], Is.InRange(1_700, 2_300), $"digit {digit} at position {position}");
        }
    }

    [TestCase("1234", "1234")]
    [TestCase("0123456789", "0123456789")]
    [TestCase("012345", "012345")]
    [TestCase("۱۲۳۴۵۶", "123456", TestName = "{m}(Persian digits)")]
    [TestCase("١٢٣٤٥٦", "123456", TestName = "{m}(Arabic-Indic digits)")]
    [TestCase("۱٢3۴٥6", "123456", TestName = "{m}(Mixed digit sets)")]
    [TestCase("۰۰۰۰", "0000", TestName = "{m}(Persian zeros)")]
    [TestCase("  123456  ", "123456")]
    [TestCase("\t123456\n", "123456")]
    public void Normalize_returns_the_code_in_ascii_digits(string typed, string expected)
    {
        var code = OtpCode.Normalize(typed);

        Assert.That(code, Is.EqualTo(expected));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    [TestCase("123")]
    [TestCase("۱۲۳", TestName = "{m}(Three Persian digits)")]
    [TestCase("12345678901")]
    [TestCase("12a456")]
    [TestCase("abcdef")]
    [TestCase("-12345")]
    [TestCase("123.45")]
    public void Normalize_returns_null_for_what_is_not_a_code(string? typed)
    {
        var code = OtpCode.Normalize(typed);

        Assert.That(code, Is.Null);
    }
}
