using System.Net;
using System.Text.RegularExpressions;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Observability;

/// <summary>/metrics in Prometheus text: the OTP counters operators alert on.</summary>
public sealed class MetricsTests : StandInFixture
{
    private string _metrics = null!;

    // One app, one story: a send Kavenegar refuses (411), then a code sent and verified; then a scrape.
    [OneTimeSetUp]
    public async Task TellTheStoryAndScrapeAsync()
    {
        var refused = Phones.NextNational();
        Kavenegar.SetReceptor(refused, new StandInBehaviour.Status(411));
        using (var response = await Client.RequestOtpAsync(refused))
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        await Client.SignInAsync(Phones.NextNational());

        using var scrape = await Client.GetAsync("/metrics");
        Assert.That(scrape.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        _metrics = await scrape.Content.ReadAsStringAsync();
    }

    [Test]
    public void Requests_are_counted_by_outcome()
    {
        Assert.That(Sample("pilito_otp_requests_total", "outcome=\"send_failed\""), Is.EqualTo(1));
        Assert.That(Sample("pilito_otp_requests_total", "outcome=\"sent\""), Is.EqualTo(1));
    }

    [Test]
    public void Accepted_sms_are_counted()
    {
        Assert.That(Sample("pilito_otp_sms_sent_total", "provider=\"Kavenegar\""), Is.EqualTo(1));
    }

    [Test]
    public void Failures_carry_the_Kavenegar_status_as_a_label()
    {
        Assert.That(Sample("pilito_otp_sms_failures_total", "status=\"411\""), Is.EqualTo(1));
    }

    [Test]
    public void Verifications_are_counted_by_result()
    {
        Assert.That(Sample("pilito_otp_verifications_total", "result=\"verified\""), Is.EqualTo(1));
    }

    [Test]
    public void Send_duration_is_a_histogram()
    {
        Assert.That(_metrics, Does.Contain("# TYPE pilito_otp_sms_send_duration_seconds histogram"));
        Assert.That(Sample("pilito_otp_sms_send_duration_seconds_bucket", "le=\"+Inf\""), Is.EqualTo(2), "both sends, refused or not");
        Assert.That(Sample("pilito_otp_sms_send_duration_seconds_count", "provider=\"Kavenegar\""), Is.EqualTo(2));
    }

    // The value of the one sample of this metric whose labels include the given one.
    private double Sample(string metric, string label)
    {
        var pattern = new Regex($@"^{Regex.Escape(metric)}\{{([^}}]*)\}} (\S+)", RegexOptions.Multiline);
        var samples = pattern.Matches(_metrics).Where(m => m.Groups[1].Value.Split(',').Contains(label)).ToList();
        Assert.That(samples, Has.Count.EqualTo(1), $"one {metric} sample with {label} in:\n{_metrics}");
        return double.Parse(samples[0].Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
