using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Goxel.Client;

/// <summary>The guide's metrics snapshot (latencies in ms, memory in MB).</summary>
public sealed record MonitorMetrics(RequestMetrics Requests, ThroughputMetrics Throughput, MemoryMetrics Memory);

/// <summary>Request counts and latency over the last 100 requests.</summary>
public sealed record RequestMetrics(long Total, long Success, long Failed, double AvgLatency, double MinLatency, double MaxLatency);

/// <summary>Rates over the sliding window.</summary>
public sealed record ThroughputMetrics(double RequestsPerSecond, double VoxelsPerSecond, double OperationsPerMinute);

/// <summary>This process's memory, MB (managed heap for heap figures).</summary>
public sealed record MemoryMetrics(double HeapUsed, double HeapTotal, double External, double Rss);

/// <summary>
/// The guide's PerformanceMonitor: request counts, latency over the last 100 requests, throughput
/// over a sliding window (10 s, 100 ms buckets), process memory, and alert rules.
/// </summary>
public sealed class PerformanceMonitor
{
    private const int MaxLatencyHistory = 100;
    private static readonly TimeSpan Bucket = TimeSpan.FromMilliseconds(100);

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _window;
    private readonly Queue<double> _latencies = new();
    private readonly SortedDictionary<long, (long Requests, long Voxels)> _buckets = [];
    private long _total, _success, _failed;
    private double _min = double.PositiveInfinity, _max;
    private DateTimeOffset? _firstSample;

    /// <summary>Creates a monitor; without rules it uses <see cref="AlertRule.Defaults"/> logging to <paramref name="logger"/>.</summary>
    public PerformanceMonitor(IEnumerable<AlertRule>? alerts = null, ILogger? logger = null, TimeSpan? window = null, TimeProvider? time = null)
    {
        Alerts = [.. alerts ?? AlertRule.Defaults(logger ?? NullLogger.Instance)];
        _window = window ?? TimeSpan.FromSeconds(10);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The rules <see cref="CheckAlerts"/> evaluates; add or remove freely.</summary>
    public List<AlertRule> Alerts { get; }

    /// <summary>Starts timing a request; dispose (or call End) to record its latency.</summary>
    public RequestTimer StartRequest() => new(this, Stopwatch.GetTimestamp());

    /// <summary>Counts a success carrying <paramref name="voxelCount"/> voxels toward throughput.</summary>
    public void RecordSuccess(int voxelCount = 1)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            _success++;
            var bucket = now.Ticks / Bucket.Ticks;
            _buckets[bucket] = _buckets.TryGetValue(bucket, out var b) ? (b.Requests + 1, b.Voxels + voxelCount) : (1, voxelCount);
            _firstSample ??= now;
        }
    }

    /// <summary>Counts a failure.</summary>
    public void RecordFailure()
    {
        lock (_gate) _failed++;
    }

    /// <summary>A snapshot with throughput and memory brought up to date.</summary>
    public MonitorMetrics GetMetrics()
    {
        const double mb = 1024 * 1024;
        using var process = Process.GetCurrentProcess();
        var memory = new MemoryMetrics(GC.GetTotalMemory(false) / mb, GC.GetGCMemoryInfo().HeapSizeBytes / mb, 0, process.WorkingSet64 / mb);
        lock (_gate)
        {
            var avg = _latencies.Count == 0 ? 0 : _latencies.Average();
            return new MonitorMetrics(new RequestMetrics(_total, _success, _failed, avg, _min, _max), Throughput(), memory);
        }
    }

    /// <summary>The four numbers alert rules look at.</summary>
    public PerformanceMetrics GetAlertMetrics()
    {
        var m = GetMetrics();
        var finished = m.Requests.Success + m.Requests.Failed;
        return new PerformanceMetrics(m.Requests.AvgLatency, m.Throughput.RequestsPerSecond, m.Memory.Rss,
            finished == 0 ? 0 : (double)m.Requests.Failed / finished);
    }

    /// <summary>Runs every rule whose condition holds; returns the names of those that fired.</summary>
    public IReadOnlyList<string> CheckAlerts(PerformanceMetrics? metrics = null)
    {
        var m = metrics ?? GetAlertMetrics();
        var fired = new List<string>();
        foreach (var rule in Alerts)
        {
            if (!rule.Condition(m)) continue;
            rule.Action(m);
            fired.Add(rule.Name);
        }
        return fired;
    }

    /// <summary>Forgets everything recorded.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            (_total, _success, _failed, _min, _max, _firstSample) = (0, 0, 0, double.PositiveInfinity, 0, null);
            _latencies.Clear();
            _buckets.Clear();
        }
    }

    internal double End(long startTimestamp)
    {
        var latency = Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;
        lock (_gate)
        {
            _total++;
            _latencies.Enqueue(latency);
            if (_latencies.Count > MaxLatencyHistory) _latencies.Dequeue();
            _min = Math.Min(_min, latency);
            _max = Math.Max(_max, latency);
        }
        return latency;
    }

    private ThroughputMetrics Throughput()
    {
        var now = _time.GetUtcNow();
        var oldest = (now - _window).Ticks / Bucket.Ticks + 1;
        foreach (var stale in _buckets.Keys.TakeWhile(k => k < oldest).ToArray()) _buckets.Remove(stale);
        long requests = 0, voxels = 0;
        foreach (var b in _buckets.Values) (requests, voxels) = (requests + b.Requests, voxels + b.Voxels);
        if (_firstSample is not { } first) return new ThroughputMetrics(0, 0, 0);
        // Before a full window has passed, divide by the time actually observed.
        var seconds = Math.Clamp((now - first).TotalSeconds, Bucket.TotalSeconds, _window.TotalSeconds);
        var perSecond = requests / seconds;
        return new ThroughputMetrics(perSecond, voxels / seconds, perSecond * 60);
    }
}

/// <summary>Times one request for a <see cref="PerformanceMonitor"/>.</summary>
public readonly struct RequestTimer(PerformanceMonitor monitor, long startTimestamp) : IDisposable
{
    /// <summary>Records the latency; returns it in ms.</summary>
    public double End() => monitor.End(startTimestamp);

    /// <inheritdoc/>
    public void Dispose() => End();
}
