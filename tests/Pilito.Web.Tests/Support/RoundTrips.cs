using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Pilito.Infrastructure.Persistence.GroupCommit;

namespace Pilito.Web.Tests.Support;

/// <summary>
/// The round trips each write round of one app makes to PostgreSQL, from Npgsql's own tracing: every command or batch
/// it sends is an activity, and each round runs inside one of this class's activities, so the round trips are told
/// apart by round whatever thread they ran on and whatever other apps run meanwhile. Pass <see cref="Install"/> in
/// the app's <see cref="PilitoApp.TestServices"/>, and record inside <see cref="Listen"/>.
/// </summary>
public sealed class RoundTrips
{
    private const string QueryText = "db.query.text";
    private static readonly ActivitySource Rounds = new("Pilito.Tests.WriteRounds");
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _statements = new();
    private readonly ConcurrentQueue<string> _order = new();

    /// <summary>Wraps the app's write database (after <paramref name="before"/> has made its own changes, if any).</summary>
    public void Install(IServiceCollection services, Action<IServiceCollection>? before = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        before?.Invoke(services);
        var real = services.Last(d => d.ServiceType == typeof(IWriteDatabase));
        services.Remove(real);
        services.AddSingleton<IWriteDatabase>(sp => new Traced(
            (IWriteDatabase)(real.ImplementationInstance ?? real.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, real.ImplementationType!)),
            this));
    }

    /// <summary>Records rounds and their round trips until disposed.</summary>
    public IDisposable Listen()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql" || source == Rounds,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Record,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    /// <summary>
    /// The SQL of each round trip of every round recorded (only rounds that begin inside <see cref="Listen"/> are)
    /// that inserted into <paramref name="table"/>, in the order the rounds began.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> Inserting(string table)
    {
        var insert = $"INSERT INTO \"{table}\"";
        return [.. _order.Where(id => _statements.TryGetValue(id, out var sql) && sql.Any(s => s.Contains(insert, StringComparison.Ordinal)))
            .Select(id => (IReadOnlyList<string>)[.. _statements[id]])];
    }

    /// <summary>How many statements of a round's round trips write (insert or update) rows.</summary>
    public static int Writes(IEnumerable<string> roundTrips) =>
        roundTrips.Sum(sql => Occurrences(sql, "INSERT INTO ") + Occurrences(sql, "UPDATE \""));

    private static int Occurrences(string text, string what) => text.Split(what).Length - 1;

    private void Record(Activity activity)
    {
        if (activity.Source.Name != "Npgsql" || activity.Parent is not { } parent || parent.Source != Rounds)
            return;
        _statements.GetOrAdd(parent.Id!, _ => new ConcurrentQueue<string>())
            .Enqueue(activity.GetTagItem(QueryText) as string ?? activity.DisplayName);
    }

    private sealed class Traced(IWriteDatabase inner, RoundTrips trips) : IWriteDatabase, IAsyncDisposable
    {
        public async Task RunRoundAsync(Func<WriteRound, CancellationToken, Task> stage, CancellationToken cancellationToken)
        {
            using var round = Rounds.StartActivity("write round");
            if (round is not null)
            {
                trips._order.Enqueue(round.Id!);
                trips._statements.TryAdd(round.Id!, new ConcurrentQueue<string>());
            }

            await inner.RunRoundAsync(stage, cancellationToken);
        }

        public ValueTask DisposeAsync() => inner is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;
    }
}
