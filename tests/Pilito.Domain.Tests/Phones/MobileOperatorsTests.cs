using Pilito.Domain.Phones;

namespace Pilito.Domain.Tests.Phones;

/// <summary>The operator of a number's range, from libphonenumber's carrier data for Iran.</summary>
public sealed class MobileOperatorsTests
{
    [TestCase("09121234567", "IR-MCI")]
    [TestCase("09901234567", "IR-MCI")]
    [TestCase("09351234567", "Irancell")]
    [TestCase("09011234567", "Irancell")]
    [TestCase("09211234567", "Rightel")]
    public void A_number_is_named_after_its_range_s_operator(string phone, string expected)
    {
        Assert.That(MobileOperators.Of(PhoneNumber.Parse(phone)), Is.EqualTo(expected));
    }
}
