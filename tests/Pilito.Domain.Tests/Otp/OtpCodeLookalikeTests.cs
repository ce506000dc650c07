using Pilito.Domain.Otp;

namespace Pilito.Domain.Tests.Otp;

public sealed class OtpCodeLookalikeTests
{
    [TestCase("\u200F۱۲۳۴۵۶", ExpectedResult = "123456")]
    [TestCase("１２３４５６", ExpectedResult = "123456")]
    [TestCase("12\u200B34\u200C56", ExpectedResult = "123456")]
    [TestCase("\u2066654321\u2069", ExpectedResult = "654321")]
    public string? Invisible_marks_and_full_width_digits_are_read_as_the_code(string typed) => OtpCode.Normalize(typed);

    [TestCase("12345６\u0000")]
    [TestCase("１２３ ４５６")]
    [TestCase("12345\U0001F600")]
    [TestCase("१२३४५६")]
    public void Anything_else_is_not_a_code(string typed)
    {
        Assert.That(OtpCode.Normalize(typed), Is.Null);
    }
}
