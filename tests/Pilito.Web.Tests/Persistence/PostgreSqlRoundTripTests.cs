using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Persistence;

/// <summary>
/// On a server database every statement of a round is a round trip, and the single writer waits for each: the EF
/// round must not add any of its own. EF wraps each SaveChanges inside a transaction in a savepoint (two statements)
/// unless told not to; the round never needs one, as a failed round is rolled back whole. And a round's reads and
/// saves must not grow with the number of writes in it: the writes of a round wait for each other's round trips.
/// </summary>
public sealed class PostgreSqlRoundTripTests
{
    private const string TransactionEvents = "Microsoft.EntityFrameworkCore.Database.Transaction.";
    private const string InsertToken = "INSERT INTO \"OtpTokens\"";

    [Test]
    public async Task A_code_request_and_its_sign_in_make_no_savepoints()
    {
        await using var app = new PilitoApp(null, provider: TestProvider.PostgreSql);
        using var client = app.CreateClient();
        await client.SignInAsync(Phones.NextNational()); // the app's own start-up work is done
        var events = new EfEvents();
        using (DiagnosticListener.AllListeners.Subscribe(events))
            await client.SignInAsync(Phones.NextNational());

        Assert.That(events.Names.Count(n => n == TransactionEvents + "TransactionCommitted"), Is.GreaterThanOrEqualTo(2), "the request's and the sign-in's rounds were seen");
        Assert.That(events.Names.Where(n => n.Contains("Savepoint", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public async Task A_round_of_many_code_requests_makes_as_few_statements_as_a_round_of_one()
    {
        const int Requests = 12;
        var commits = new HeldCommits();
        await using var app = new PilitoApp(null, provider: TestProvider.PostgreSql) { TestServices = commits.Install };
        using var client = app.CreateClient();
        await client.RequestCodeAsync(Phones.NextNational()); // migrated, writer running, this minute's counts stored
        using var meters = new WriterMeters(app);
        commits.Hold();
        var first = client.RequestOtpAsync(Phones.NextNational());
        await commits.Staged;
        var queued = Enumerable.Range(0, Requests).Select(_ => client.RequestOtpAsync(Phones.NextNational())).ToList();
        await Eventually.HoldsAsync(() => Task.FromResult(meters.WritesWaiting() == Requests + 1), TimeSpan.FromSeconds(10),
            () => $"every request's write waiting (saw {meters.WritesWaiting()})");
        var events = new EfEvents();
        using (DiagnosticListener.AllListeners.Subscribe(events))
        {
            commits.Release(); // the held round commits, and the next takes every queued request at once
            foreach (var response in await Task.WhenAll(queued.Append(first)))
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                response.Dispose();
            }
        }

        var admissions = events.StatementsPerTransaction().MaxBy(round => CountOf(round, InsertToken))!;
        Assert.That(CountOf(admissions, InsertToken), Is.EqualTo(Requests), "every queued request was admitted in one round");
        Assert.That(admissions.Count(sql => sql.Contains(InsertToken, StringComparison.Ordinal)), Is.EqualTo(1), "one round trip inserts them all");
        Assert.That(admissions, Has.Count.LessThanOrEqualTo(8), string.Join("\n---\n", admissions));
    }

    private static int CountOf(IEnumerable<string> statements, string text) =>
        statements.Sum(sql => sql.Split(text).Length - 1);

    /// <summary>EF Core's diagnostic events, by name (they are raised whatever the log levels).</summary>
    private sealed class EfEvents : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        private readonly List<string> _names = [];
        private readonly List<string?> _commands = [];

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
            {
                _names.Add(value.Key);
                _commands.Add((value.Value as CommandExecutedEventData)?.Command.CommandText);
            }
        }

        /// <summary>The SQL of the commands each committed transaction ran, in order (one string per round trip).</summary>
        public List<IReadOnlyList<string>> StatementsPerTransaction()
        {
            lock (_names)
            {
                var transactions = new List<IReadOnlyList<string>>();
                var current = new List<string>();
                for (var i = 0; i < _names.Count; i++)
                {
                    if (_commands[i] is { } sql)
                        current.Add(sql);
                    else if (_names[i] == TransactionEvents + "TransactionCommitted")
                    {
                        transactions.Add(current);
                        current = [];
                    }
                }

                return transactions;
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
