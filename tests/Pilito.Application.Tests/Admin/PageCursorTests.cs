using Pilito.Application.Admin.Common;

namespace Pilito.Application.Tests.Admin;

public sealed class PageCursorTests
{
    [TestCase("0_1")]
    [TestCase("638000000000000000_42")]
    [TestCase("3155378975999999999_x")]
    public void Cursor_of_a_representable_key_is_read(string text) =>
        Assert.That(PageCursor.TryParse(text, out _), Is.True);

    // Each would throw when its key is turned back into an instant (the 500s of issue #15).
    [TestCase("-1_1")]
    [TestCase("+5_1")]
    [TestCase("4000000000000000000_1")]
    [TestCase("3155378975999999999999_1")]
    [TestCase("9223372036854775807_1")]
    [TestCase("-9223372036854775808_1")]
    public void Cursor_of_a_key_no_row_can_have_is_refused(string text) =>
        Assert.That(PageCursor.TryParse(text, out _), Is.False);
}
