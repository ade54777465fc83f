using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Goxel.Daemon.Hosting;

/// <summary>
/// The daemon's log: one line per entry on standard error, in the console logger's single-line
/// form (<c>2026-12-06 23:00:00 info: Category[0] message</c>), or with the syslog priority
/// prefix journald reads (<c>&lt;6&gt;Category[0] message</c>) when running as a systemd service.
/// An exception follows its message on the same line. Written here rather than through
/// Microsoft.Extensions.Logging.Console because that provider is configured through the options
/// and dependency-injection machinery, whose open generics NativeAOT builds at run time: that
/// was most of the daemon's start-up time and 3.5 MB of its idle heap (docs/performance.md).
/// </summary>
internal sealed class ConsoleLog(LogLevel minimum, bool journal)
{
    private readonly Lock _write = new();

    /// <summary>The least severe level written.</summary>
    public LogLevel Minimum => minimum;

    /// <summary>A logger whose category is the full name of <typeparamref name="T"/>.</summary>
    public ILogger<T> For<T>() => new CategoryLog<T>(this, typeof(T).FullName ?? typeof(T).Name);

    /// <summary>A logger for <paramref name="category"/>.</summary>
    public ILogger For(string category) => new CategoryLog(this, category);

    internal void Write(LogLevel level, string category, EventId eventId, string message, Exception? exception)
    {
        var line = new StringBuilder(64 + category.Length + message.Length);
        if (journal) line.Append('<').Append(Priority(level)).Append('>');
        else line.Append(DateTime.Now.ToString("yyyy-MM-dd HH:mm:ss ", CultureInfo.InvariantCulture)).Append(Label(level)).Append(": ");
        line.Append(category).Append('[').Append(eventId.Id).Append(']');
        // One entry is one line: line breaks inside the message or the exception become spaces.
        if (message.Length > 0) line.Append(' ').Append(message.ReplaceLineEndings(" "));
        if (exception is not null) line.Append(' ').Append(exception.ToString().ReplaceLineEndings(" "));
        line.Append('\n');
        lock (_write) Console.Error.Write(line.ToString());
    }

    private static string Label(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    // syslog(3) priorities, as journald reads them from a line's "<N>" prefix.
    private static int Priority(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => 7,
        LogLevel.Information => 6,
        LogLevel.Warning => 4,
        LogLevel.Error => 3,
        _ => 2,
    };
}

/// <summary>One category of <see cref="ConsoleLog"/>.</summary>
internal class CategoryLog(ConsoleLog log, string category) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= log.Minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        log.Write(logLevel, category, eventId, formatter(state, exception), exception);
    }
}

/// <summary>A category named after <typeparamref name="T"/>, for the services that take <see cref="ILogger{T}"/>.</summary>
internal sealed class CategoryLog<T>(ConsoleLog log, string category) : CategoryLog(log, category), ILogger<T>;
