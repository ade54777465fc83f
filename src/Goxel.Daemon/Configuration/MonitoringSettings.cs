namespace Goxel.Daemon.Configuration;

/// <summary>How the daemon's log lines are written (monitoring.log_format).</summary>
public enum LogFormat
{
    /// <summary>One line of text per entry; under systemd (JOURNAL_STREAM set) with a &lt;N&gt; priority prefix for journald.</summary>
    Text,

    /// <summary>One JSON object per line (timestamp, level, category, message, state).</summary>
    Json,
}

/// <summary>The monitoring section: metrics, the Prometheus endpoint, the periodic metrics line and the log format.</summary>
public sealed record MonitoringSettings
{
    /// <summary>Records request, connection, voxel and render figures; off: nothing is recorded and get_performance_metrics says so.</summary>
    public bool EnableMetrics { get; init; } = true;

    /// <summary>Period of the one-line metrics summary in the log, in milliseconds; 0 for none.</summary>
    public int MetricsIntervalMs { get; init; }

    /// <summary>Address ("host:port") of the Prometheus text endpoint; null for none.</summary>
    public string? Prometheus { get; init; }

    /// <summary>Text or JSON lines on stderr.</summary>
    public LogFormat LogFormat { get; init; } = LogFormat.Text;

    /// <summary>Parses a log format name: text or json.</summary>
    public static LogFormat ParseLogFormat(string value) => value switch
    {
        "text" => LogFormat.Text,
        "json" => LogFormat.Json,
        _ => throw new FormatException($"expected \"text\" or \"json\", got \"{value}\""),
    };

    /// <summary>The config file's name for <paramref name="format"/>.</summary>
    public static string Name(LogFormat format) => format == LogFormat.Json ? "json" : "text";
}
