using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Goxel.Client;

/// <summary>Call statistics of one profiled operation (ms).</summary>
public sealed record ProfileStats(long Calls, double TotalTime, double MinTime, double MaxTime)
{
    /// <summary>TotalTime / Calls.</summary>
    public double AverageTime => Calls == 0 ? 0 : TotalTime / Calls;
}

/// <summary>The guide's PerformanceProfiler: per-name call count and total/min/max/average time.</summary>
public sealed class PerformanceProfiler
{
    private readonly ConcurrentDictionary<string, ProfileStats> _profiles = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="operation"/> and records its duration under <paramref name="name"/>, success or not.</summary>
    public async Task<T> ProfileAsync<T>(string name, Func<Task<T>> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var start = Stopwatch.GetTimestamp();
        try
        {
            return await operation().ConfigureAwait(false);
        }
        finally
        {
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            _profiles.AddOrUpdate(name, _ => new ProfileStats(1, ms, ms, ms),
                (_, s) => new ProfileStats(s.Calls + 1, s.TotalTime + ms, Math.Min(s.MinTime, ms), Math.Max(s.MaxTime, ms)));
        }
    }

    /// <summary>The statistics per name.</summary>
    public IReadOnlyDictionary<string, ProfileStats> GetProfiles() => new Dictionary<string, ProfileStats>(_profiles, StringComparer.Ordinal);

    /// <summary>The guide's text report.</summary>
    public string GetReport()
    {
        var report = new StringBuilder("Performance Profile Report:\n================================\n");
        foreach (var (name, s) in _profiles.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            report.Append(CultureInfo.InvariantCulture, $"{name}:\n  Calls: {s.Calls}\n  Total: {s.TotalTime:F2}ms\n  Average: {s.AverageTime:F2}ms\n");
            report.Append(CultureInfo.InvariantCulture, $"  Min: {s.MinTime:F2}ms\n  Max: {s.MaxTime:F2}ms\n\n");
        }
        return report.ToString();
    }

    /// <summary>Forgets everything.</summary>
    public void Reset() => _profiles.Clear();
}
