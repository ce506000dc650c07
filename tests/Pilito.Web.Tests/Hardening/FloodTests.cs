using System.Net;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Hardening;

/// <summary>
/// Attack 4 of docs/security.md: every failed verification used to insert a row kept a day. Failures are per-minute
/// counters now: a burst of them for one phone is one row, and attempts past the cap store nothing at all.
/// </summary>
public sealed class FloodTests : StandInFixture
{
    protected override PilitoApp CreateApp(KavenegarStandIn kavenegar) => new(null);

    [Test]
    public async Task A_burst_of_failed_verifications_is_stored_as_one_counter_row_and_stops_growing_at_the_cap()
    {
        var phone = Phones.NextNational();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 60; i++)
        {
            using var response = await Client.VerifyOtpAsync(phone, $"{i:D6}");
            answers.Add(response.StatusCode);
        }

        Assert.That(answers.Take(20), Is.All.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(answers.Skip(20), Is.All.EqualTo((HttpStatusCode)429));
        var e164 = ("$phone", (object)Phones.ToE164(phone));
        var rows = await Database.ScalarAsync(App, "SELECT COUNT(*) FROM LimitCounts WHERE Scope = 'verify-phone' AND Key = $phone", e164);
        var counted = await Database.ScalarAsync(App, "SELECT SUM(Count) FROM LimitCounts WHERE Scope = 'verify-phone' AND Key = $phone", e164);
        Assert.That(rows, Is.LessThanOrEqualTo(2), "one row per minute (two if the burst crossed a minute)");
        Assert.That(counted, Is.EqualTo(20), "refused attempts add nothing");
    }
}
