using System.Net;
using Microsoft.Data.Sqlite;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Persistence;

/// <summary>
/// The OTP write path commits many requests' writes in one transaction (group commit) and still answers each
/// request with its own result, on the real SQLite file.
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
        Assert.That(await SumSendCountsAsync(app, "service"), Is.EqualTo(Burst + 1), "the hourly budget counted every code");
    }

    [Test]
    public async Task One_phone_twice_in_a_burst_is_issued_in_two_rounds_and_the_second_code_supersedes_the_first()
    {
        await using var app = new PilitoApp(null);
        using var client = app.CreateClient();
        var phone = Phones.NextNational();

        var codes = await Task.WhenAll(client.RequestCodeAsync(phone), client.RequestCodeAsync(phone));

        Assert.That(await Database.CountTokensAsync(app, Phones.ToE164(phone)), Is.EqualTo(2));
        var statuses = await StatusesAsync(app, Phones.ToE164(phone));
        Assert.That(statuses, Is.EqualTo(new[] { "Superseded", "Sent" }), "oldest first");
        Assert.That(codes, Has.All.Not.Empty);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> SumSendCountsAsync(PilitoApp app, string scope)
    {
        await using var connection = new SqliteConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(SUM(Count), 0) FROM OtpSendCounts WHERE Scope = $scope";
        command.Parameters.AddWithValue("$scope", scope);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> StatusesAsync(PilitoApp app, string e164)
    {
        await using var connection = new SqliteConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Status FROM OtpTokens WHERE PhoneNumber = $phone ORDER BY Id";
        command.Parameters.AddWithValue("$phone", e164);
        var statuses = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            statuses.Add(reader.GetString(0));
        return statuses;
    }
}
