using System.Net;
using Pilito.Web.Configuration;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Sample;

/// <summary>Where /sample/ is served (Development only, from the repository's samples/web) and under which policy.</summary>
public sealed class SampleServingTests
{
    [TestCase("/sample/")]
    [TestCase("/sample/app.js")]
    public async Task Outside_Development_the_sample_is_not_served(string path)
    {
        await using var app = new PilitoApp(null); // Testing, as staging and production: not Development
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task In_Development_the_page_and_its_modules_are_served_under_a_policy_without_inline_script()
    {
        await using var app = new PilitoApp(null) { Environment = "Development" };
        using var client = app.CreateClient();

        using var page = await client.GetAsync(new Uri("/sample/", UriKind.Relative));
        using var module = await client.GetAsync(new Uri("/sample/app.js", UriKind.Relative));

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.That(policy, Does.Contain("script-src 'self'").And.Contain("connect-src 'self'").And.Contain("frame-ancestors 'none'"));
        Assert.That(policy, Does.Not.Contain("unsafe"));
        Assert.That(await page.Content.ReadAsStringAsync(), Does.Not.Contain("<script>"), "no inline script to allow");
        Assert.That(module.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(module.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/javascript"), "browsers run modules only with a JavaScript type");
    }

    [Test]
    public void The_folder_is_found_from_the_project_and_not_outside_a_repository()
    {
        var project = Path.Combine(PilitoProcess.RepositoryRoot, "src", "Pilito.Web");
        var elsewhere = Directory.CreateTempSubdirectory("pilito-no-repo-");
        try
        {
            Assert.That(SampleWeb.Locate(project), Is.EqualTo(Path.Combine(PilitoProcess.RepositoryRoot, "samples", "web")));
            Assert.That(SampleWeb.Locate(elsewhere.FullName), Is.Null, "a published server has no samples/web: nothing is mapped");
        }
        finally
        {
            elsewhere.Delete();
        }
    }
}
