using System.Diagnostics.Metrics;
using Goxel.Daemon.Projects;

namespace Goxel.Daemon.Monitoring;

/// <summary>
/// The metrics as System.Diagnostics.Metrics instruments on the Meter "goxel-daemon", so
/// `dotnet-counters monitor -n goxel-daemon --counters goxel-daemon` and any OpenTelemetry or
/// Prometheus collector see them. Every instrument is observable: it reads the figures
/// <see cref="DaemonMetrics"/> keeps when a listener collects, so requests pay nothing for it.
/// With monitoring.enable_metrics off they report nothing.
/// </summary>
public sealed class DaemonMeter : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string Name = "goxel-daemon";

    private readonly Meter _meter = new(Name, Handlers.DaemonMethods.Version);
    private readonly DaemonMetrics _metrics;

    /// <summary>Creates the instruments over <paramref name="metrics"/> and <paramref name="projects"/>.</summary>
    public DaemonMeter(DaemonMetrics metrics, ProjectStore projects)
    {
        _metrics = metrics;
        _meter.CreateObservableGauge("goxel.uptime", () => When(metrics.Uptime.TotalSeconds), "s", "Time since the daemon started");
        _meter.CreateObservableUpDownCounter("goxel.connections.open", () => ByTransport(metrics.Connections.Open), "{connection}", "Connections open now");
        _meter.CreateObservableCounter("goxel.connections.accepted", () => ByTransport(metrics.Connections.Total), "{connection}", "Connections admitted since start");
        _meter.CreateObservableCounter("goxel.connections.rejected", () => ByTransport(metrics.Connections.Refused), "{connection}", "Connections refused since start");
        _meter.CreateObservableCounter("goxel.requests", () => ByMethod(h => h.Count), "{request}", "Requests run, by method");
        _meter.CreateObservableCounter("goxel.request.errors", () => ByMethod(h => h.Errors), "{request}", "Requests answered with an error, by method");
        _meter.CreateObservableGauge("goxel.request.duration", Latencies, "ms", "Request latency by method: p50, p95, p99 and max (quantile tag)");
        _meter.CreateObservableCounter("goxel.voxels.written", () => When(metrics.Voxels.Total), "{voxel}", "Voxels written by add and remove methods");
        _meter.CreateObservableGauge("goxel.voxels.rate", () => When(metrics.Voxels.PerSecond), "{voxel}/s", $"Voxels written per second, mean of the last {RateWindow.Seconds} s");
        _meter.CreateObservableGauge("goxel.memory.rss", () => When(MemoryFigures.ResidentBytes()), "By", "Resident set size");
        _meter.CreateObservableGauge("goxel.memory.gc_heap", () => When(GC.GetTotalMemory(false)), "By", "Managed heap");
        _meter.CreateObservableGauge("goxel.memory.projects", () => When(projects.All.Sum(p => p.MemoryBytes)), "By", "Volumes and undo history of the open projects");
        _meter.CreateObservableGauge("goxel.memory.cache", () => When(metrics.Caches.Sum(c => c.Bytes)), "By", "Bytes held by the caches");
        _meter.CreateObservableCounter("goxel.renders", () => When(metrics.Renders.Count), "{render}", "Renders since start");
        _meter.CreateObservableCounter("goxel.render.time", () => When(metrics.Renders.Total.TotalMilliseconds), "ms", "Time spent rendering since start");
        _meter.CreateObservableCounter("goxel.journal.bytes", () => Journal(projects, j => j.Bytes), "By", "Journal bytes written since start (storage on)");
        _meter.CreateObservableCounter("goxel.journal.fsyncs", () => Journal(projects, j => j.Fsyncs), "{fsync}", "Journal files and folders flushed to the disk since start (storage on)");
    }

    private Measurement<T>[] When<T>(T value) where T : struct => _metrics.Enabled ? [new Measurement<T>(value)] : [];

    private Measurement<long>[] ByTransport(Func<TransportKind, long> read) => _metrics.Enabled
        ? [.. ConnectionFigures.Kinds.Select(k => new Measurement<long>(read(k), new KeyValuePair<string, object?>("transport", ConnectionFigures.Name(k))))]
        : [];

    private Measurement<long>[] ByMethod(Func<LatencyHistogram, long> read) => _metrics.Enabled
        ? [.. _metrics.Requests.Methods.Select(m => new Measurement<long>(read(m.Value), new KeyValuePair<string, object?>("method", m.Key)))]
        : [];

    private static readonly (string Tag, double Quantile)[] Quantiles = [("0.5", 0.5), ("0.95", 0.95), ("0.99", 0.99), ("max", 1.0)];

    private IEnumerable<Measurement<double>> Latencies()
    {
        if (!_metrics.Enabled) yield break;
        foreach (var (method, histogram) in _metrics.Requests.Methods)
            foreach (var (tag, quantile) in Quantiles)
                yield return new Measurement<double>(MetricsReport.Milliseconds(quantile >= 1 ? histogram.Max : histogram.Percentile(quantile)),
                    new KeyValuePair<string, object?>("method", method), new KeyValuePair<string, object?>("quantile", tag));
    }

    private Measurement<long>[] Journal(ProjectStore projects, Func<(long Bytes, long Fsyncs, DateTime? LastFsync), long> read) =>
        _metrics.Enabled && projects.Vault is { } vault ? [new Measurement<long>(read(vault.JournalFigures))] : [];

    /// <inheritdoc/>
    public void Dispose() => _meter.Dispose();
}
