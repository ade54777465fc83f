using Goxel.Daemon.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Goxel.Daemon.Monitoring;

/// <summary>
/// Every monitoring.metrics_interval_ms, one line of the main figures in the log (0: none). The
/// period is read again after each line, so a reload changes it; while it is 0 the loop looks
/// once a second whether it was switched on.
/// </summary>
internal sealed class MetricsLine(DaemonMetrics metrics, CurrentSettings current, ILogger<MetricsLine> logger) : BackgroundService
{
    private static readonly TimeSpan OffPoll = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var interval = current.Value.Monitoring.MetricsIntervalMs;
                await Task.Delay(interval > 0 ? TimeSpan.FromMilliseconds(interval) : OffPoll, stoppingToken);
                var settings = current.Value.Monitoring;
                if (settings.MetricsIntervalMs > 0 && settings.EnableMetrics) Write();
            }
        }
        catch (OperationCanceledException)
        {
            // The daemon is stopping.
        }
    }

    private void Write()
    {
        var connections = metrics.Connections;
        logger.LogInformation(
            "metrics: uptime {Uptime:F0} s, connections {Open} open {Total} total {Rejected} rejected, requests {Requests} ({Errors} errors), voxels {Voxels} ({Rate:F0}/s), rss {Rss} MiB, heap {Heap} MiB, renders {Renders}",
            metrics.Uptime.TotalSeconds,
            ConnectionFigures.Kinds.Sum(connections.Open), ConnectionFigures.Kinds.Sum(connections.Total), ConnectionFigures.Kinds.Sum(connections.Refused),
            metrics.Requests.Count, metrics.Requests.Errors, metrics.Voxels.Total, metrics.Voxels.PerSecond,
            MemoryFigures.ResidentBytes() >> 20, GC.GetTotalMemory(false) >> 20, metrics.Renders.Count);
    }
}
