using System.Diagnostics;
using Goxel.Daemon.Configuration;

namespace Goxel.Daemon.Monitoring;

/// <summary>
/// What the daemon counts while it runs: requests by method, voxels written, renders, the
/// caches that registered and (from <see cref="ConnectionFigures"/>) connections. The method
/// handlers feed it; get_performance_metrics, the "goxel-daemon" Meter, the Prometheus endpoint
/// and the periodic log line read it. With monitoring.enable_metrics off nothing is recorded.
/// </summary>
public sealed class DaemonMetrics(CurrentSettings current)
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly List<ICacheFigures> _caches = [];
    private readonly Lock _cachesGate = new();

    /// <summary>True while monitoring.enable_metrics is on.</summary>
    public bool Enabled => current.Value.Monitoring.EnableMetrics;

    /// <summary>Time since the daemon started.</summary>
    public TimeSpan Uptime => Stopwatch.GetElapsedTime(_started);

    /// <summary>Connections by transport.</summary>
    public ConnectionFigures Connections { get; } = ConnectionFigures.Daemon;

    internal RequestFigures Requests { get; } = new();

    internal RateWindow Voxels { get; } = new();

    internal LatencyHistogram Renders { get; } = new();

    /// <summary>Counts one run of a method.</summary>
    public void RequestCompleted(string method, TimeSpan elapsed, bool failed)
    {
        if (Enabled) Requests.Record(method, elapsed, failed);
    }

    /// <summary>Counts <paramref name="count"/> voxels written by an edit.</summary>
    public void VoxelsWritten(long count)
    {
        if (Enabled) Voxels.Add(count);
    }

    /// <summary>Counts one render and how long it took.</summary>
    public void Rendered(TimeSpan elapsed)
    {
        if (Enabled) Renders.Record(elapsed, failed: false);
    }

    /// <summary>Adds a cache whose bytes the memory figures include from now on.</summary>
    public void Register(ICacheFigures cache)
    {
        lock (_cachesGate) _caches.Add(cache);
    }

    /// <summary>The registered caches (none until a cache registers: their bytes are then 0).</summary>
    public IReadOnlyList<ICacheFigures> Caches
    {
        get
        {
            lock (_cachesGate) return [.. _caches];
        }
    }
}
