using System.Diagnostics;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Persistence;

/// <summary>
/// On a server database every statement of a round is a round trip, and the single writer waits for each: the EF
/// round must not add any of its own. EF wraps each SaveChanges inside a transaction in a savepoint (two statements)
/// unless told not to; the round never needs one, as a failed round is rolled back whole.
/// </summary>
public sealed class PostgreSqlRoundTripTests
{
    private const string TransactionEvents = "Microsoft.EntityFrameworkCore.Database.Transaction.";

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
