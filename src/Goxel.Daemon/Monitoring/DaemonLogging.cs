using Goxel.Daemon.Configuration;
using Microsoft.Extensions.Logging;

namespace Goxel.Daemon.Monitoring;

/// <summary>
/// The daemon's log on stderr: one line of text per entry (with journald's &lt;N&gt; priority
/// prefix when stderr goes to the journal, which systemd says by setting JOURNAL_STREAM), or
/// one JSON object per line (monitoring.log_format "json"), in the line forms of
/// Microsoft.Extensions.Logging's simple, systemd and JSON console formatters
/// (<see cref="LogLineFormat"/>). Debug entries show with server.verbose, and those of the request
/// log also with monitoring.performance_logging, which a reload can switch.
/// Written here rather than through Microsoft.Extensions.Logging.Console because that provider
/// is built through the options and dependency-injection machinery, whose open generics
/// NativeAOT instantiates at run time: most of the daemon's start-up time and 3.5 MB of its idle
/// heap (docs/performance.md).
/// </summary>
internal sealed class DaemonLogging : ILoggerFactory
{
    private static readonly string RequestLog = typeof(RequestWatch).FullName!;

    private readonly CurrentSettings _current;
    private readonly LogLevel _least;
    private readonly LogLineFormat _format;
    private readonly Stream _stderr;
    private readonly Lock _write = new();

    /// <summary>A log as <paramref name="current"/> says; <paramref name="underJournal"/>: stderr is journald's.</summary>
    public DaemonLogging(CurrentSettings current, bool underJournal)
    {
        var settings = current.Value;
        _current = current;
        _least = settings.Verbose ? LogLevel.Debug : LogLevel.Information;
        _format = settings.Monitoring.LogFormat == LogFormat.Json ? LogLineFormat.Json
            : underJournal ? LogLineFormat.Journal
            : LogLineFormat.Text;
        _stderr = Console.OpenStandardError();
    }

    /// <summary>A logger whose category is the full name of <typeparamref name="T"/>.</summary>
    public ILogger<T> For<T>() => new CategoryLog<T>(this, typeof(T).FullName ?? typeof(T).Name);

    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName) => new CategoryLog(this, categoryName);

    /// <summary>Refused: the daemon's log has one destination, stderr.</summary>
    public void AddProvider(ILoggerProvider provider) =>
        throw new NotSupportedException("the daemon's log writes to stderr only; it takes no other providers");

    /// <inheritdoc/>
    public void Dispose() => _stderr.Dispose();

    internal bool IsEnabled(string category, LogLevel level) =>
        level is not (LogLevel.None or LogLevel.Trace)
        && (level >= _least || (level == LogLevel.Debug && category == RequestLog && _current.Value.PerformanceLogging));

    internal void Write<TState>(LogLevel level, string category, EventId eventId, TState state, string message, Exception? exception)
    {
        var line = _format.Line(level, category, eventId, state, message, exception);
        lock (_write)
        {
            try
            {
                _stderr.Write(line);
            }
            catch (IOException)
            {
                // Nobody reads stderr any more: the entry has nowhere to go.
            }
        }
    }
}

/// <summary>One category of <see cref="DaemonLogging"/>.</summary>
internal class CategoryLog(DaemonLogging log, string category) : ILogger
{
    /// <summary>Scopes are not written (as with the console formatters' default).</summary>
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => log.IsEnabled(category, logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!log.IsEnabled(category, logLevel)) return;
        log.Write(logLevel, category, eventId, state, formatter(state, exception), exception);
    }
}

/// <summary>A category named after <typeparamref name="T"/>, for the services that take <see cref="ILogger{T}"/>.</summary>
internal sealed class CategoryLog<T>(DaemonLogging log, string category) : CategoryLog(log, category), ILogger<T>;
