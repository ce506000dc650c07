using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace Pilito.Web.Tests.Support;

/// <summary>
/// The NUnit categories of the slow tests, set on the fixture class with <c>[Category(TestSpeed.Process)]</c> or
/// <c>[Category(TestSpeed.Browser)]</c>. A test without either runs in process (domain, handlers, the app through
/// WebApplicationFactory, a Kavenegar stand-in on 127.0.0.1); those alone run with
/// <c>dotnet test Pilito.sln --filter "TestCategory!=Process&amp;TestCategory!=Browser"</c>.
/// </summary>
public static class TestSpeed
{
    /// <summary>Runs the built server as real processes (<see cref="PilitoServer"/>, <see cref="PilitoProcess"/>).</summary>
    public const string Process = "Process";

    /// <summary>Drives Chromium through Playwright (<see cref="Support.Browser"/>).</summary>
    public const string Browser = "Browser";

    /// <summary>
    /// Fails the running test unless it or one of its fixtures is in <paramref name="category"/>, so that a slow test
    /// cannot slip into the fast run unmarked.
    /// </summary>
    public static void Require(string category)
    {
        for (ITest? test = TestExecutionContext.CurrentContext.CurrentTest; test is not null; test = test.Parent)
        {
            if (test.Properties[PropertyNames.Category].Contains(category))
                return;
        }

        Assert.Fail($"{TestContext.CurrentContext.Test.FullName} needs [Category(TestSpeed.{category})] on its fixture: the fast run leaves those out.");
    }
}
