using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Goxel.Client.Tests;

public sealed class HelperTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>, IAsyncLifetime
{
    private readonly GoxelDaemonClient _client = new(fixture.Daemon.Options);

    public Task InitializeAsync() => _client.ConnectAsync();

    public Task DisposeAsync() => _client.DisconnectAsync();

    private static Voxel[] Sheet(int count, Rgba color) =>
        [.. Enumerable.Range(0, count).Select(i => new Voxel(i % 50, i / 50 % 50, i / 2500, color))];

    /// <summary>A sender that records batches and how many run at once.</summary>
    private sealed class RecordingSender(int delayMs = 5, Exception? fail = null)
    {
        private int _active;

        public ConcurrentQueue<int> BatchSizes { get; } = new();

        public int MaxActive { get; private set; }

        public async Task<BatchResult> Send(IReadOnlyList<Voxel> voxels, CancellationToken ct)
        {
            BatchSizes.Enqueue(voxels.Count);
            var now = Interlocked.Increment(ref _active);
            lock (this) MaxActive = Math.Max(MaxActive, now);
            await Task.Delay(delayMs, ct);
            Interlocked.Decrement(ref _active);
            if (fail is not null) throw fail;
            return new BatchResult { Success = true, Count = voxels.Count };
        }
    }

    [Fact]
    public async Task ConnectionPool_opens_at_most_size_connections_and_lends_each_to_one_caller()
    {
        await using var pool = new ConnectionPool(fixture.Daemon.Options, size: 3);
        var holders = new ConcurrentDictionary<GoxelDaemonClient, byte>();
        var concurrent = 0;
        var maxConcurrent = 0;
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => pool.UseAsync(async c =>
        {
            Assert.True(holders.TryAdd(c, 0), "a client is never shared");
            var now = Interlocked.Increment(ref concurrent);
            lock (holders) maxConcurrent = Math.Max(maxConcurrent, now);
            Assert.Equal(i, (await c.CallAsync("echo", new JsonArray(i)))[0].GetInt32());
            await Task.Delay(5);
            Interlocked.Decrement(ref concurrent);
            holders.TryRemove(c, out _);
            return i;
        })));
        Assert.Equal(3, pool.OpenConnections);
        Assert.Equal(3, maxConcurrent);
    }

    [Fact]
    public async Task BatchOptimizer_writes_every_voxel_over_a_pool()
    {
        var p = await _client.CreateProjectAsync("optimizer");
        await using var pool = new ConnectionPool(fixture.Daemon.Options, size: 3);
        var optimizer = new BatchOptimizer(VoxelBatchSenders.For(pool, projectId: p.ProjectId));
        Assert.Equal((3, 2500), await optimizer.AddVoxelsOptimizedAsync(Sheet(2500, new Rgba(1, 2, 3))));
        Assert.Equal(new Rgba(1, 2, 3), (await _client.GetVoxelAsync(new(49, 49, 0), projectId: p.ProjectId)).Color);
    }

    [Fact]
    public async Task BatchOptimizer_bounds_batches_in_flight()
    {
        var sender = new RecordingSender(10);
        var optimizer = new BatchOptimizer(sender.Send, batchSize: 100, maxConcurrency: 3);
        Assert.Equal((11, 1050), await optimizer.AddVoxelsOptimizedAsync(Sheet(1050, new Rgba(1, 1, 1))));
        Assert.Equal(3, sender.MaxActive);
        Assert.Equal(1050, sender.BatchSizes.Sum());
    }

    [Fact]
    public async Task SmartBatcher_sends_one_batch_last_write_wins_every_task_completes()
    {
        var p = await _client.CreateProjectAsync("smart");
        await using var batcher = new SmartBatcher(VoxelBatchSenders.For(_client, projectId: p.ProjectId));
        var tasks = new[]
        {
            batcher.AddVoxelDeferredAsync(new Voxel(0, 0, 0, new Rgba(255, 0, 0))),
            batcher.AddVoxelDeferredAsync(new Voxel(1, 0, 0, new Rgba(0, 255, 0))),
            batcher.AddVoxelDeferredAsync(new Voxel(0, 0, 0, new Rgba(0, 0, 255))),
        };
        Assert.Equal(2, batcher.PendingCount);
        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, batcher.BatchesSent);
        Assert.Equal(new Rgba(0, 0, 255), (await _client.GetVoxelAsync(new(0, 0, 0), projectId: p.ProjectId)).Color);
        Assert.Equal(new Rgba(0, 255, 0), (await _client.GetVoxelAsync(new(1, 0, 0), projectId: p.ProjectId)).Color);
    }

    [Fact]
    public async Task SmartBatcher_fails_every_caller_when_the_batch_fails_and_flushes_when_full()
    {
        var failing = new RecordingSender(1, new InvalidOperationException("boom"));
        await using (var batcher = new SmartBatcher(failing.Send))
        {
            var a = batcher.AddVoxelDeferredAsync(new Voxel(0, 0, 0, new Rgba(1, 1, 1)));
            var b = batcher.AddVoxelDeferredAsync(new Voxel(0, 0, 0, new Rgba(2, 2, 2)));
            await Assert.ThrowsAsync<InvalidOperationException>(() => a);
            await Assert.ThrowsAsync<InvalidOperationException>(() => b);
        }
        var ok = new RecordingSender(1);
        await using var small = new SmartBatcher(ok.Send, TimeSpan.FromSeconds(30), maxBatchSize: 10);
        var first20 = Sheet(25, new Rgba(1, 1, 1)).Select(small.AddVoxelDeferredAsync).ToArray()[..20];
        await Task.WhenAll(first20).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(5, small.PendingCount);
        await small.FlushAsync();
        Assert.Equal([10, 10, 5], ok.BatchSizes);
    }

    [Fact]
    public async Task CachedGoxelClient_serves_reads_until_its_own_writes_invalidate_them()
    {
        var p = await _client.CreateProjectAsync("cache");
        var cached = new CachedGoxelClient(_client);
        await cached.AddVoxelAsync(new(1, 2, 3), new Rgba(9, 9, 9), projectId: p.ProjectId);
        Assert.Equal(new Rgba(9, 9, 9), (await cached.GetVoxelCachedAsync(new(1, 2, 3), projectId: p.ProjectId)).Color);
        await _client.AddVoxelAsync(new(1, 2, 3), new Rgba(7, 7, 7), projectId: p.ProjectId);
        Assert.Equal(new Rgba(9, 9, 9), (await cached.GetVoxelCachedAsync(new(1, 2, 3), projectId: p.ProjectId)).Color);
        await cached.AddVoxelAsync(new(1, 2, 3), new Rgba(5, 5, 5), projectId: p.ProjectId);
        Assert.Equal(new Rgba(5, 5, 5), (await cached.GetVoxelCachedAsync(new(1, 2, 3), projectId: p.ProjectId)).Color);
    }

    [Fact]
    public void ResponseCache_honours_TTL_and_invalidates_by_substring()
    {
        var time = new ManualTime();
        var cache = new ResponseCache(time);
        cache.Set("project_info_current", 1);
        cache.Set("layer_list_current", 2, TimeSpan.FromMilliseconds(100));
        time.Advance(TimeSpan.FromMilliseconds(101));
        Assert.False(cache.TryGet<int>("layer_list_current", out _));
        Assert.True(cache.TryGet<int>("project_info_current", out var info) && info == 1);
        time.Advance(ResponseCache.DefaultTtl);
        Assert.False(cache.TryGet<int>("project_info_current", out _));
        cache.Set("voxel:1,2,3@current/active", 1);
        cache.Set("voxel:1,2,34@current/active", 2);
        cache.Invalidate("voxel:1,2,3@");
        Assert.False(cache.TryGet<int>("voxel:1,2,3@current/active", out _));
        Assert.True(cache.TryGet<int>("voxel:1,2,34@current/active", out _));
    }

    [Fact]
    public async Task ParallelProcessor_bounds_concurrency_and_passes_errors_to_their_caller()
    {
        using var processor = new ParallelProcessor(2);
        var active = 0;
        var maxActive = 0;
        var jobs = Enumerable.Range(0, 6).Select(i => processor.ProcessAsync(async ct =>
        {
            var now = Interlocked.Increment(ref active);
            lock (processor) maxActive = Math.Max(maxActive, now);
            await Task.Delay(10, ct);
            Interlocked.Decrement(ref active);
            return i == 3 ? throw new InvalidOperationException("job 3") : i * 10;
        })).ToArray();
        await Assert.ThrowsAsync<InvalidOperationException>(() => jobs[3]);
        var others = await Task.WhenAll(jobs.Where((_, i) => i != 3));
        Assert.Equal(new[] { 0, 10, 20, 40, 50 }, others);
        Assert.Equal(2, maxActive);
    }

    [Fact]
    public void PerformanceMonitor_counts_measures_throughput_and_fires_the_guides_alerts()
    {
        var time = new ManualTime();
        var fired = new List<string>();
        var monitor = new PerformanceMonitor(time: time);
        Assert.Equal(["High Latency", "Low Throughput", "Memory Usage", "Error Rate"], monitor.Alerts.Select(a => a.Name));
        for (var i = 0; i < monitor.Alerts.Count; i++)
        {
            var name = monitor.Alerts[i].Name;
            monitor.Alerts[i] = monitor.Alerts[i] with { Action = _ => fired.Add(name) };
        }
        for (var i = 0; i < 50; i++)
        {
            using (monitor.StartRequest()) monitor.RecordSuccess(10);
            time.Advance(TimeSpan.FromMilliseconds(20));
        }
        monitor.RecordFailure();
        var m = monitor.GetMetrics();
        Assert.Equal((50L, 50L, 1L), (m.Requests.Total, m.Requests.Success, m.Requests.Failed));
        Assert.InRange(m.Throughput.RequestsPerSecond, 47, 53);
        Assert.InRange(m.Throughput.VoxelsPerSecond, 470, 530);
        Assert.Equal(["High Latency", "Low Throughput", "Memory Usage", "Error Rate"], monitor.CheckAlerts(new PerformanceMetrics(11, 99, 201, 0.06)));
        Assert.Empty(monitor.CheckAlerts(new PerformanceMetrics(10, 100, 200, 0.05)));
        Assert.Equal(4, fired.Count);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, monitor.GetMetrics().Throughput.RequestsPerSecond);
    }

    [Fact]
    public async Task PerformanceProfiler_records_by_name_and_formats_the_guides_report()
    {
        var profiler = new PerformanceProfiler();
        await profiler.ProfileAsync("create_project", () => _client.CreateProjectAsync("profiled"));
        await profiler.ProfileAsync("add_voxel_batch", () => _client.AddVoxelBatchAsync(Sheet(10, new Rgba(1, 1, 1))));
        await Assert.ThrowsAsync<GoxelRpcException>(() => profiler.ProfileAsync("bad", () => _client.CallAsync("nope")));
        Assert.Equal(1, profiler.GetProfiles()["bad"].Calls);
        Assert.Matches(@"^Performance Profile Report:\n=+\nadd_voxel_batch:\n  Calls: 1\n  Total: [\d.]+ms\n  Average", profiler.GetReport());
    }

    [Fact]
    public async Task PerformanceBenchmark_returns_the_guides_results_shape()
    {
        var results = await new PerformanceBenchmark(fixture.Daemon.Options)
        {
            ConnectionIterations = 5, SingleVoxelIterations = 50, BatchSizes = [10, 100], RenderSizes = [(64, 64)], MemoryVoxelCount = 1000,
        }.RunFullBenchmarkAsync();
        Assert.Equal(5, results.Connection.Iterations);
        Assert.InRange(results.Connection.AverageTime, results.Connection.MinTime, results.Connection.MaxTime);
        Assert.Equal(50, results.VoxelOperations.SingleVoxelOperations.Iterations);
        Assert.True(results.VoxelOperations.SingleVoxelOperations.Throughput > 0);
        Assert.Equal([10, 100], results.BatchOperations.Results.Select(r => r.BatchSize));
        Assert.All(results.BatchOperations.Results, r => Assert.True(r.TotalTime > 0 && r.Throughput > 0));
        Assert.Null(results.Rendering.Skipped);
        Assert.Single(results.Rendering.Results);
        Assert.Equal(1000, results.Memory.VoxelCount);
        Assert.True(results.Memory.FinalMemory.Rss > 0);
    }

    /// <summary>A clock tests move by hand.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
