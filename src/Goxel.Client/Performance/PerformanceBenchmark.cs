using System.Diagnostics;

namespace Goxel.Client;

/// <summary>
/// The guide's automated benchmark suite against a running daemon. The defaults are the guide's
/// sizes: 100 connects, 1000 single adds at y = -16, batches of 10-5000, renders 256²-2048², and a
/// 10,000-voxel memory test.
/// </summary>
public sealed class PerformanceBenchmark(GoxelDaemonClientOptions options)
{
    private readonly GoxelDaemonClientOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Connections opened and closed.</summary>
    public int ConnectionIterations { get; init; } = 100;

    /// <summary>Single add_voxel calls.</summary>
    public int SingleVoxelIterations { get; init; } = 1000;

    /// <summary>Batch sizes, one batch each.</summary>
    public IReadOnlyList<int> BatchSizes { get; init; } = [10, 100, 500, 1000, 5000];

    /// <summary>Render sizes, one render each.</summary>
    public IReadOnlyList<(int Width, int Height)> RenderSizes { get; init; } = [(256, 256), (512, 512), (1024, 1024), (2048, 2048)];

    /// <summary>Voxels in the memory test.</summary>
    public int MemoryVoxelCount { get; init; } = 10_000;

    /// <summary>Runs every part in order and returns the guide's results.</summary>
    public async Task<BenchmarkResults> RunFullBenchmarkAsync(CancellationToken cancellationToken = default)
    {
        await using var client = new GoxelDaemonClient(_options with { AutoReconnect = true, Timeout = TimeSpan.FromSeconds(60) });
        await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
        return new BenchmarkResults(
            await BenchmarkConnectionAsync(cancellationToken).ConfigureAwait(false),
            await BenchmarkVoxelOperationsAsync(client, cancellationToken).ConfigureAwait(false),
            await BenchmarkBatchOperationsAsync(client, cancellationToken).ConfigureAwait(false),
            await BenchmarkRenderingAsync(client, cancellationToken).ConfigureAwait(false),
            await BenchmarkMemoryAsync(client, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The guide's test voxels: a 64-wide sheet at y = -16 in random opaque colours.</summary>
    public static Voxel[] GenerateTestVoxels(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new Voxel(i % 64, -16, i / 64 % 64,
            new Rgba((byte)Random.Shared.Next(256), (byte)Random.Shared.Next(256), (byte)Random.Shared.Next(256))))];

    private async Task<ConnectionBenchmark> BenchmarkConnectionAsync(CancellationToken ct)
    {
        var times = new List<double>();
        for (var i = 0; i < ConnectionIterations; i++)
        {
            await using var client = new GoxelDaemonClient(_options with { AutoReconnect = false });
            var start = Stopwatch.GetTimestamp();
            await client.ConnectAsync(ct).ConfigureAwait(false);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return times.Count == 0 ? new ConnectionBenchmark(0, 0, 0, 0) : new ConnectionBenchmark(times.Count, times.Average(), times.Min(), times.Max());
    }

    private async Task<VoxelOperationsBenchmark> BenchmarkVoxelOperationsAsync(GoxelDaemonClient client, CancellationToken ct)
    {
        await client.CreateProjectAsync("Benchmark Project", cancellationToken: ct).ConfigureAwait(false);
        var total = 0.0;
        for (var i = 0; i < SingleVoxelIterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await client.AddVoxelAsync(new VoxelPosition(i % 64, -16, i / 64 % 64), new Rgba(255, 0, 0), cancellationToken: ct).ConfigureAwait(false);
            total += Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        var average = SingleVoxelIterations == 0 ? 0 : total / SingleVoxelIterations;
        return new VoxelOperationsBenchmark(new SingleVoxelOperations(SingleVoxelIterations, average, average == 0 ? 0 : 1000 / average));
    }

    private async Task<BatchOperationsBenchmark> BenchmarkBatchOperationsAsync(GoxelDaemonClient client, CancellationToken ct)
    {
        var results = new List<BatchSizeResult>();
        foreach (var size in BatchSizes)
        {
            var voxels = GenerateTestVoxels(size);
            var start = Stopwatch.GetTimestamp();
            await client.AddVoxelBatchAsync(voxels, cancellationToken: ct).ConfigureAwait(false);
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            results.Add(new BatchSizeResult(size, ms, ms / size, size / (ms / 1000)));
        }
        return new BatchOperationsBenchmark(results);
    }

    private async Task<RenderingBenchmark> BenchmarkRenderingAsync(GoxelDaemonClient client, CancellationToken ct)
    {
        var results = new List<RenderSizeResult>();
        var camera = new Camera { Position = [20, 20, 20], Target = [0, -16, 0], Up = [0, 1, 0], Fov = 45 };
        foreach (var (width, height) in RenderSizes)
        {
            var start = Stopwatch.GetTimestamp();
            RenderResult result;
            try
            {
                result = await client.RenderImageAsync(width, height, camera, cancellationToken: ct).ConfigureAwait(false);
            }
            catch (GoxelRpcException e) when (e.IsNotImplemented)
            {
                return new RenderingBenchmark(results, e.Message);
            }
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            results.Add(new RenderSizeResult(width, height, ms, width * height / (ms / 1000), result.RenderTimeMs));
        }
        return new RenderingBenchmark(results);
    }

    private async Task<MemoryBenchmark> BenchmarkMemoryAsync(GoxelDaemonClient client, CancellationToken ct)
    {
        var initial = Snapshot();
        await client.CreateProjectAsync("Memory Test", cancellationToken: ct).ConfigureAwait(false);
        await client.AddVoxelBatchAsync(GenerateTestVoxels(MemoryVoxelCount), cancellationToken: ct).ConfigureAwait(false);
        var final = Snapshot();
        return new MemoryBenchmark(MemoryVoxelCount, initial, final,
            MemoryVoxelCount == 0 ? 0 : (final.HeapUsed - initial.HeapUsed) * 1024 * 1024 / MemoryVoxelCount);
    }

    private static MemoryStats Snapshot()
    {
        const double mb = 1024 * 1024;
        using var process = Process.GetCurrentProcess();
        return new MemoryStats(GC.GetTotalMemory(false) / mb, GC.GetGCMemoryInfo().HeapSizeBytes / mb, process.WorkingSet64 / mb);
    }
}
