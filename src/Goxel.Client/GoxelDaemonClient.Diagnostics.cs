using System.Text.Json;

namespace Goxel.Client;

public sealed partial class GoxelDaemonClient
{
    // The original names, which every daemon version answers (the goxel.* aliases are newer).

    /// <summary><c>version</c> (alias goxel.get_version).</summary>
    public Task<VersionInfo> GetVersionAsync(CancellationToken cancellationToken = default) =>
        InvokeAsync("version", null, ClientJsonContext.Default.VersionInfo, cancellationToken);

    /// <summary><c>ping</c> (alias goxel.ping).</summary>
    public Task<PingResult> PingAsync(CancellationToken cancellationToken = default) =>
        InvokeAsync("ping", null, ClientJsonContext.Default.PingResult, cancellationToken);

    /// <summary><c>status</c> (alias goxel.get_daemon_status): the daemon process.</summary>
    public Task<DaemonStatus> GetStatusAsync(CancellationToken cancellationToken = default) =>
        InvokeAsync("status", null, ClientJsonContext.Default.DaemonStatus, cancellationToken);

    /// <summary><c>list_methods</c>.</summary>
    public Task<MethodList> ListMethodsAsync(CancellationToken cancellationToken = default) =>
        InvokeAsync("list_methods", null, ClientJsonContext.Default.MethodList, cancellationToken);

    /// <summary><c>goxel.get_performance_metrics</c>: uptime, connections, request latency by method, voxels, memory, renders, journal.</summary>
    public Task<DaemonMetrics> GetPerformanceMetricsAsync(CancellationToken cancellationToken = default) =>
        InvokeAsync("goxel.get_performance_metrics", null, ClientJsonContext.Default.DaemonMetrics, cancellationToken);

    /// <summary><c>echo</c>: the params back.</summary>
    public Task<JsonElement> EchoAsync(System.Text.Json.Nodes.JsonNode parameters, CancellationToken cancellationToken = default) =>
        CallAsync("echo", parameters, cancellationToken);
}
