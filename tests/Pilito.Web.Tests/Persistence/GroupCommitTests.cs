using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Persistence;

/// <summary>
/// The OTP and verify write paths commit many requests' writes in one transaction (group commit) and still answer
/// each request with its own result, on the real SQLite file.
/// </summary>
public sealed class GroupCommitTests
{
    private const int Burst = 30;

    [Test]
    public async Task Requests_that_queue_behind_a_busy_database_are_committed_together_and_each_gets_its_own_answer()
    {
        await using var app = new PilitoApp(null);
        using var client = app.CreateClient();
        await client.RequestCodeAsync(Phones.NextNational()); // the writer has opened its connection
        using var meters = new WriterMeters(app);

        // Another process holds SQLite's write lock: the writer's next round waits for it and the rest queue.
        await using (var other = new SqliteConnection(app.ConnectionString))
        {
            await other.OpenAsync();
            await ExecuteAsync(other, "BEGIN IMMEDIATE");
            var phones = Enumerable.Range(0, Burst).Select(_ => Phones.NextNational()).ToList();
            var requests = phones.Select(client.RequestOtpAsync).ToList();
            await Eventually.HoldsAsync(() => Task.FromResult(meters.WritesWaiting() == Burst), TimeSpan.FromSeconds(20),
                () => $"{Burst} writes waiting for the database (saw {meters.WritesWaiting()})");
            await ExecuteAsync(other, "COMMIT");

            var responses = await Task.WhenAll(requests);
            Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
            foreach (var response in responses)
                response.Dispose();
            foreach (var phone in phones)
            {
                var token = await Database.ReadNewestTokenAsync(app, Phones.ToE164(phone));
                Assert.That(token["Status"], Is.EqualTo("Sent"), phone);
            }
        }

        // Whatever the writer had taken when the lock was met is one round; everything that queued behind it is the next.
        var rounds = meters.RoundSizes.ToList();
        Assert.That(rounds.Take(2).Sum(), Is.GreaterThanOrEqualTo(Burst), "30 requests, two commits: " + string.Join(",", rounds));
        Assert.That(await Database.ScalarAsync(app, "SELECT COALESCE(SUM(Count), 0) FROM LimitCounts WHERE Scope = 'service'"), Is.EqualTo(Burst + 1), "the hourly budget counted every code");
    }

    [Test]
    public async Task One_phone_twice_in_a_burst_is_issued_in_two_rounds_and_the_second_code_supersedes_the_first()
    {
        await using var app = new PilitoApp(null);
        using var client = app.CreateClient();
        var phone = Phones.NextNational();

        var codes = await Task.WhenAll(client.RequestCodeAsync(phone), client.RequestCodeAsync(phone));

        Assert.That(await Database.CountTokensAsync(app, Phones.ToE164(phone)), Is.EqualTo(2));
        var statuses = await Database.StatusesAsync(app, Phones.ToE164(phone));
        Assert.That(statuses, Is.EqualTo(new[] { "Superseded", "Sent" }), "oldest first");
        Assert.That(codes, Has.All.Not.Empty);
    }

    [Test]
    public async Task Verifications_that_queue_behind_a_busy_database_commit_together_each_with_its_own_outcome()
    {
        await using var app = new PilitoApp(null);
        using var client = app.CreateClient();
        var phones = Enumerable.Range(0, Burst).Select(_ => Phones.NextNational()).ToList();
        var codes = new List<string>();
        foreach (var phone in phones)
            codes.Add(await client.RequestCodeAsync(phone));
        using var meters = new WriterMeters(app);
        // Every third request carries a wrong code: in the same rounds, it fails alone.
        var wrong = Enumerable.Range(0, Burst).Select(i => i % 3 == 0).ToList();

        List<HttpResponseMessage> responses;
        await using (var other = new SqliteConnection(app.ConnectionString))
        {
            await other.OpenAsync();
            await ExecuteAsync(other, "BEGIN IMMEDIATE");
            var requests = phones.Select((phone, i) => client.VerifyOtpAsync(phone, wrong[i] ? WrongCode(codes[i]) : codes[i])).ToList();
            await Eventually.HoldsAsync(() => Task.FromResult(meters.WritesWaiting() == Burst), TimeSpan.FromSeconds(20),
                () => $"{Burst} verifications waiting for the database (saw {meters.WritesWaiting()})");
            await ExecuteAsync(other, "COMMIT");
            responses = [.. await Task.WhenAll(requests)];
        }

        var rounds = meters.RoundSizes.ToList();
        Assert.That(rounds.Take(2).Sum(), Is.GreaterThanOrEqualTo(Burst), "30 verifications, two commits: " + string.Join(",", rounds));
        for (var i = 0; i < Burst; i++)
        {
            using var response = responses[i];
            var body = await response.JsonAsync();
            var status = await Database.ReadNewestTokenAsync(app, Phones.ToE164(phones[i]));
            if (wrong[i])
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body.ToString());
                Assert.That(status["Status"], Is.EqualTo("Sent"), phones[i]);
                Assert.That(status["FailedAttempts"], Is.EqualTo(1L), phones[i]);
            }
            else
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
                Assert.That(status["Status"], Is.EqualTo("Verified"), phones[i]);
                using var refreshed = await client.PostAsJsonAsync(ApiClient.RefreshPath,
                    new Dictionary<string, string> { ["refresh_token"] = body.GetProperty("refresh_token").GetString()! });
                Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the refresh token was stored with the sign-in");
            }
        }

        var rightCount = wrong.Count(w => !w);
        Assert.That(await Database.ScalarAsync(app, "SELECT COUNT(*) FROM AspNetUsers WHERE PhoneNumberConfirmed = 1 AND LastLoginAt IS NOT NULL"), Is.EqualTo(rightCount));
        Assert.That(await Database.ScalarAsync(app, "SELECT SUM(Count) FROM LimitCounts WHERE Scope = 'verify-phone'"), Is.EqualTo(Burst - rightCount));
    }

    [Test]
    public async Task One_code_verified_twice_in_a_burst_signs_in_once_and_makes_one_account()
    {
        await using var app = new PilitoApp(null);
        using var client = app.CreateClient();
        var phone = Phones.NextNational();
        var code = await client.RequestCodeAsync(phone);

        await using (var other = new SqliteConnection(app.ConnectionString))
        {
            await other.OpenAsync();
            using var meters = new WriterMeters(app);
            await ExecuteAsync(other, "BEGIN IMMEDIATE"); // the requests queue: they would share a round if the writer allowed it
            var requests = Enumerable.Range(0, 4).Select(_ => client.VerifyOtpAsync(phone, code)).ToList();
            await Eventually.HoldsAsync(() => Task.FromResult(meters.WritesWaiting() == requests.Count), TimeSpan.FromSeconds(20),
                () => $"4 verifications waiting (saw {meters.WritesWaiting()})");
            await ExecuteAsync(other, "COMMIT");

            var responses = await Task.WhenAll(requests);
            Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.OK), Is.EqualTo(1));
            Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest), Is.EqualTo(3));
            foreach (var response in responses)
                response.Dispose();
        }

        Assert.That(await Database.ScalarAsync(app, "SELECT COUNT(*) FROM AspNetUsers WHERE PhoneNumber = $phone", ("$phone", Phones.ToE164(phone))), Is.EqualTo(1));
        Assert.That(await Database.ScalarAsync(app, "SELECT COUNT(*) FROM RefreshTokens"), Is.EqualTo(1));
    }

    private static string WrongCode(string code) => code == "000000" ? "111111" : "000000";

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
