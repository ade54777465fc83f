using Goxel.Daemon.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Goxel.Daemon.Monitoring;

/// <summary>
/// The daemon's log on stderr: one line of text per entry (with journald's &lt;N&gt; priority
/// prefix when stderr goes to the journal, which systemd says by setting JOURNAL_STREAM), or
/// one JSON object per line (monitoring.log_format "json"). Debug entries show with
/// server.verbose, and those of the request log also with monitoring.performance_logging,
/// which a reload can switch.
/// </summary>
internal static class DaemonLogging
{
    /// <summary>Sets up the console log as <paramref name="current"/> says.</summary>
    public static void Configure(ILoggingBuilder logging, CurrentSettings current, bool underJournal)
    {
        var settings = current.Value;
        if (settings.Monitoring.LogFormat == LogFormat.Json)
            logging.AddJsonConsole(o =>
            {
                o.JsonWriterOptions = new() { Indented = false };
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.UseUtcTimestamp = true;
            });
        else if (underJournal)
            // journald stamps each line itself; the prefix gives it the entry's priority.
            logging.AddSystemdConsole();
        else
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-dd HH:mm:ss ";
            });
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.SetMinimumLevel(LogLevel.Debug);
        var requestLog = typeof(RequestWatch).FullName;
        var least = settings.Verbose ? LogLevel.Debug : LogLevel.Information;
        logging.AddFilter((category, level) => level >= least || (level == LogLevel.Debug && category == requestLog && current.Value.PerformanceLogging));
    }
}
