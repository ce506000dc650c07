using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Pilito.Infrastructure.Persistence.GroupCommit;
using Pilito.Infrastructure.Persistence.GroupCommit.Ef;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Persistence;

/// <summary>
/// On a server database every round trip of a round is time the single writer waits, and every statement is work the
/// database does whatever it writes: neither may grow with the number of writes in a round, since the writes of a
/// round wait for each other's. The writer's own PostgreSQL path sends a round's changes as one batch, one statement
/// per kind of change; EF Core's path (SQL Server's, run here on PostgreSQL) must at least not add savepoints of its own.
/// </summary>
public sealed class PostgreSqlRoundTripTests
{
    private const string TransactionEvents = "Microsoft.EntityFrameworkCore.Database.Transaction.";
    private const string InsertToken = "INSERT INTO \"OtpTokens\"";
    private const string UpdateToken = "UPDATE \"OtpTokens\"";
    private const int Requests = 12;

    [Test]
    public async Task An_ef_round_makes_no_savepoints()
    {
        await using var app = new PilitoApp(null, provider: TestProvider.PostgreSql)
        {
            TestServices = services => services.AddSingleton<IWriteDatabase, EfWriteDatabase>(),
        };
        using var client = app.CreateClient();
        await client.SignInAsync(Phones.NextNational()); // the app's own start-up work is done
        var events = new EfEvents();
        using (DiagnosticListener.AllListeners.Subscribe(events))
            await client.SignInAsync(Phones.NextNational());

        Assert.That(events.Names.Count(n => n == TransactionEvents + "TransactionCommitted"), Is.GreaterThanOrEqualTo(2), "the request's and the sign-in's rounds were seen");
        Assert.That(events.Names.Where(n => n.Contains("Savepoint", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public async Task A_round_of_many_code_requests_makes_as_many_round_trips_as_a_round_of_one()
    {
        var (one, many) = await RoundsOfOneAndManyAsync("OtpTokens", (client, phone) => client.RequestOtpAsync(phone), (_, _) => Task.CompletedTask);

        // The held request's delivery answer, queued once its round committed, may join the next round as it begins
        // (ADR 0011): one statement more, an update, whatever the number of requests.
        var deliveryAnswers = many.Sum(sql => sql.Split(UpdateToken).Length - 1);
        Assert.That(many.Count(sql => sql.Contains(InsertToken, StringComparison.Ordinal)), Is.EqualTo(1), "one round trip inserts them all");
        Assert.That(many, Has.Count.EqualTo(one.Count), Listed(one, many));
        Assert.That(deliveryAnswers, Is.LessThanOrEqualTo(1), Listed(one, many));
        Assert.That(RoundTrips.Writes(many), Is.EqualTo(RoundTrips.Writes(one) + deliveryAnswers), "one statement inserts them all, one adds to each count: " + Listed(one, many));
        Assert.That(many, Has.Count.EqualTo(3), "the turn, then the opening read (its phones' tokens and accounts, every limit's counts), then the writes with the counts and the commit");
    }

    [Test]
    public async Task A_round_of_many_verifications_makes_as_many_round_trips_as_a_round_of_one()
    {
        var codes = new Dictionary<string, string>();
        var (one, many) = await RoundsOfOneAndManyAsync(
            "RefreshTokens",
            (client, phone) => client.PostAsJsonAsync("/api/v1/usr/otp/verify", new { phone_number = phone, code = codes[phone] }),
            async (client, phone) => codes[phone] = await client.RequestCodeAsync(phone));

        Assert.That(many, Has.Count.EqualTo(one.Count), Listed(one, many));
        Assert.That(many, Has.Count.EqualTo(3), "the turn, then the opening read (its phones' tokens and accounts, every cap's counts), then the writes with the counts and the commit");
        Assert.That(RoundTrips.Writes(many), Is.EqualTo(RoundTrips.Writes(one)), "one statement per kind of change, whatever the number of verifications: " + Listed(one, many));
    }

    /// <summary>
    /// The round trips of a round that holds one request's write, then of one that holds <see cref="Requests"/>
    /// requests' writes at once (queued while a round was held), found by the rows they insert into <paramref name="table"/>.
    /// </summary>
    private static async Task<(IReadOnlyList<string> One, IReadOnlyList<string> Many)> RoundsOfOneAndManyAsync(
        string table, Func<HttpClient, string, Task<HttpResponseMessage>> send, Func<HttpClient, string, Task> prepare)
    {
        var commits = new HeldCommits();
        var rounds = new RoundTrips();
        await using var app = new PilitoApp(null, provider: TestProvider.PostgreSql) { TestServices = services => rounds.Install(services, commits.Install) };
        using var client = app.CreateClient();
        await client.RequestCodeAsync(Phones.NextNational()); // migrated, writer running, this minute's counts stored
        var phones = Enumerable.Range(0, Requests + 2).Select(_ => Phones.NextNational()).ToList();
        foreach (var phone in phones)
            await prepare(client, phone);
        using var meters = new WriterMeters(app);

        using (rounds.Listen())
        {
            using var alone = await send(client, phones[0]);
            Assert.That(alone.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var one = rounds.Inserting(table).Single();
        commits.Hold();
        var first = send(client, phones[1]);
        await commits.Staged;
        var queued = phones.Skip(2).Select(phone => send(client, phone)).ToList();
        await Eventually.HoldsAsync(() => Task.FromResult(meters.WritesWaiting() == Requests + 1), TimeSpan.FromSeconds(10),
            () => $"every request's write waiting (saw {meters.WritesWaiting()})");
        using (rounds.Listen())
        {
            commits.Release(); // the held round commits, and the next takes every queued request at once
            foreach (var response in await Task.WhenAll(queued.Append(first)))
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
                response.Dispose();
            }
        }

        var both = rounds.Inserting(table);
        Assert.That(both, Has.Count.EqualTo(2), "the queued requests' writes went in one round");
        return (one, both[1]);
    }

    private static string Listed(IReadOnlyList<string> one, IReadOnlyList<string> many) =>
        $"a round of one:\n{string.Join("\n---\n", one)}\n\na round of {Requests}:\n{string.Join("\n---\n", many)}";

    /// <summary>EF Core's diagnostic events, by name (they are raised whatever the log levels).</summary>
    private sealed class EfEvents : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        private readonly List<string> _names = [];

        public IReadOnlyList<string> Names
        {
            get
            {
                lock (_names)
                    return [.. _names];
            }
        }

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == "Microsoft.EntityFrameworkCore")
                value.Subscribe(this);
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            lock (_names)
                _names.Add(value.Key);
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
