using System.Text.Json;
using Goxel.Daemon.Configuration;
using Goxel.Daemon.Projects;
using Goxel.Protocol;
using Microsoft.Extensions.Logging;

namespace Goxel.Daemon.Monitoring;

/// <summary>
/// The dispatch hook (<see cref="IRequestObserver"/>): counts every method run in the metrics,
/// logs a request slower than monitoring.slow_request_threshold_ms as a warning with its method,
/// request bytes, project and time, and with monitoring.performance_logging every request's time
/// at debug level (that level is let through for this log alone, see <see cref="DaemonLogging"/>).
/// </summary>
public sealed class RequestWatch(DaemonMetrics metrics, CurrentSettings current, ProjectStore projects, ILogger<RequestWatch> logger) : IRequestObserver
{
    /// <inheritdoc/>
    public void Completed(string method, TimeSpan elapsed, bool failed, in RpcParams parameters, long messageBytes)
    {
        metrics.RequestCompleted(method, elapsed, failed);
        var settings = current.Value;
        var slow = settings.SlowRequestThresholdMs;
        if (slow > 0 && elapsed.TotalMilliseconds >= slow)
            logger.LogWarning("slow request: {Method} took {Milliseconds:F1} ms ({Bytes} request bytes, project {Project}{Failed})",
                method, elapsed.TotalMilliseconds, messageBytes, ProjectOf(parameters), failed ? ", failed" : "");
        else if (settings.PerformanceLogging && logger.IsEnabled(LogLevel.Debug))
            logger.LogDebug("request: {Method} took {Milliseconds:F3} ms ({Bytes} request bytes{Failed})", method, elapsed.TotalMilliseconds, messageBytes, failed ? ", failed" : "");
    }

    /// <summary>The project a request named, else the current one ("none" without either).</summary>
    private string ProjectOf(in RpcParams parameters) =>
        parameters.TryGetValue(-1, "project_id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : projects.Current?.Id ?? "none";
}
