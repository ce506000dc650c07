using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Pilito.Web.Tests.Support;

/// <summary>Keeps every log line an app writes (formatted, with exception text), to check what reaches the logs.</summary>
public sealed class LogCollector : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentBag<(Func<string, bool> Match, TaskCompletionSource Seen)> _waiters = [];

    public IReadOnlyList<string> Lines => [.. _lines];

    public string All => string.Join('\n', _lines);

    public ILogger CreateLogger(string categoryName) => new Collector(this, categoryName);

    /// <summary>Completes when a line matching <paramref name="match"/> is written (or already was).</summary>
    public Task WaitForAsync(Func<string, bool> match)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Add((match, seen));
        if (_lines.Any(match))
            seen.TrySetResult();
        return seen.Task;
    }

    private void Add(string line)
    {
        _lines.Enqueue(line);
        foreach (var (match, seen) in _waiters)
        {
            if (match(line))
                seen.TrySetResult();
        }
    }

    public void Dispose()
    {
    }

    private sealed class Collector(LogCollector owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Add($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
