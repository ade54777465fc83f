using Goxel.Client;

namespace Goxel.Client.Examples;

public static class PerformanceExample
{
    public static async Task<(int Batches, int SmartBatches, long Requests, IReadOnlyList<string> Alerts, string Profile)> RunAsync(string socketPath)
    {
        var options = new GoxelDaemonClientOptions { SocketPath = socketPath };
        await using var client = new GoxelDaemonClient(options);
        await client.ConnectAsync();
        var project = await client.CreateProjectAsync("performance");

        // 10,000 voxels in batches of 1000, three in flight, each on a pooled connection.
        await using var pool = new ConnectionPool(options, size: 3);
        var voxels = Enumerable.Range(0, 10_000).Select(i => new Voxel(i % 100, i / 100, 0, new Rgba(200, 120, 40))).ToArray();
        var optimizer = new BatchOptimizer(VoxelBatchSenders.For(pool, projectId: project.ProjectId), BatchOptimizer.VoxelOperations, maxConcurrency: 3);
        var (batches, _) = await optimizer.AddVoxelsOptimizedAsync(voxels);

        // Scattered writes folded into one batch per 50 ms window; the last write to a cell wins.
        await using var batcher = new SmartBatcher(VoxelBatchSenders.For(client, projectId: project.ProjectId));
        await Task.WhenAll(Enumerable.Range(0, 500).Select(i => batcher.AddVoxelDeferredAsync(new Voxel(i % 50, 0, 1, new Rgba((byte)i, 0, 0)))));

        // Monitoring with the guide's alert rules (here: collected instead of logged) and a profiler.
        var fired = new List<string>();
        var monitor = new PerformanceMonitor([new AlertRule("Slow", m => m.AvgLatency > 250, m => fired.Add($"slow: {m.AvgLatency:F1} ms"))]);
        var profiler = new PerformanceProfiler();
        for (var i = 0; i < 100; i++)
        {
            using var timer = monitor.StartRequest();
            await profiler.ProfileAsync("get_voxel", () => client.GetVoxelAsync(new VoxelPosition(i, 0, 0), projectId: project.ProjectId));
            monitor.RecordSuccess();
        }
        monitor.CheckAlerts();
        return (batches, batcher.BatchesSent, monitor.GetMetrics().Requests.Total, fired, profiler.GetReport());
    }
}
