using Microsoft.Extensions.Logging;

namespace Goxel.Client;

/// <summary>What alert rules look at: average latency (ms), throughput (ops/s), memory (MB), error rate (0-1).</summary>
public readonly record struct PerformanceMetrics(double AvgLatency, double Throughput, double MemoryUsage, double ErrorRate);

/// <summary>A named condition over <see cref="PerformanceMetrics"/> and what to do when it holds.</summary>
public sealed record AlertRule(string Name, Func<PerformanceMetrics, bool> Condition, Action<PerformanceMetrics> Action)
{
    /// <summary>The guide's four rules (latency &gt; 10 ms, throughput &lt; 100 ops/s, memory &gt; 200 MB, error rate &gt; 5%), logging to <paramref name="logger"/>.</summary>
    public static IReadOnlyList<AlertRule> Defaults(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        return
        [
            new("High Latency", m => m.AvgLatency > 10, m => AlertLog.HighLatency(logger, m.AvgLatency)),
            new("Low Throughput", m => m.Throughput < 100, m => AlertLog.LowThroughput(logger, m.Throughput)),
            new("Memory Usage", m => m.MemoryUsage > 200, m => AlertLog.HighMemory(logger, m.MemoryUsage)),
            new("Error Rate", m => m.ErrorRate > 0.05, m => AlertLog.HighErrorRate(logger, m.ErrorRate * 100)),
        ];
    }
}

internal static partial class AlertLog
{
    [LoggerMessage(10, LogLevel.Warning, "High latency detected: {Latency}ms")]
    public static partial void HighLatency(ILogger logger, double latency);

    [LoggerMessage(11, LogLevel.Warning, "Low throughput: {Throughput} ops/sec")]
    public static partial void LowThroughput(ILogger logger, double throughput);

    [LoggerMessage(12, LogLevel.Warning, "High memory usage: {Memory}MB")]
    public static partial void HighMemory(ILogger logger, double memory);

    [LoggerMessage(13, LogLevel.Error, "High error rate: {Percent}%")]
    public static partial void HighErrorRate(ILogger logger, double percent);
}
