using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Pilito.Web.Tests.Support;

/// <summary>Listens to one app's group-commit writer: the sizes of its committed rounds and how many writes wait for a commit.</summary>
public sealed class WriterMeters : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<int> _roundSizes = new();
    private int _waiting;

    public WriterMeters(PilitoApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var factory = app.Services.GetRequiredService<IMeterFactory>(); // meters made by this app only
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Name.StartsWith("pilito.db.", StringComparison.Ordinal))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) =>
        {
            if (instrument.Name == "pilito.db.write_round.writes")
                _roundSizes.Enqueue(value);
            else if (instrument.Name == "pilito.db.writes.waiting")
                _waiting = value;
        });
        _listener.Start();
    }

    public IReadOnlyCollection<int> RoundSizes => [.. _roundSizes];

    public int WritesWaiting()
    {
        _listener.RecordObservableInstruments();
        return _waiting;
    }

    public void Dispose() => _listener.Dispose();
}
