using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EventFunctions.IntegrationTests.Infrastructure;

/// <summary>What the pipeline logs, kept for tests that check at which level a thing is logged.</summary>
public sealed class RecordedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message, Exception? Error)> entries = new();

    public IReadOnlyList<(LogLevel Level, string Category, string Message, Exception? Error)> Entries => entries.ToList();

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Recorder(RecordedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.entries.Enqueue((logLevel, category, formatter(state, exception), exception));
    }
}
