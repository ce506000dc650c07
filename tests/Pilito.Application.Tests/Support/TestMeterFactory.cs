using System.Diagnostics.Metrics;

namespace Pilito.Application.Tests.Support;

/// <summary>Real meters, owned by the test: what OtpMetrics records is there to listen to, and nothing is shared.</summary>
public sealed class TestMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options);
        _meters.Add(meter);
        return meter;
    }

    public void Dispose()
    {
        foreach (var meter in _meters)
            meter.Dispose();
    }
}
