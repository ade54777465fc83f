namespace Goxel.Client;

/// <summary>The guide's BenchmarkResults (times in ms, memory in MB).</summary>
public sealed record BenchmarkResults(
    ConnectionBenchmark Connection,
    VoxelOperationsBenchmark VoxelOperations,
    BatchOperationsBenchmark BatchOperations,
    RenderingBenchmark Rendering,
    MemoryBenchmark Memory);

/// <summary>Connect times.</summary>
public sealed record ConnectionBenchmark(int Iterations, double AverageTime, double MinTime, double MaxTime);

/// <summary>Single add_voxel calls, one at a time.</summary>
public sealed record VoxelOperationsBenchmark(SingleVoxelOperations SingleVoxelOperations);

/// <summary>Average time and voxels per second of single adds.</summary>
public sealed record SingleVoxelOperations(int Iterations, double AverageTime, double Throughput);

/// <summary>One batch per size.</summary>
public sealed record BatchOperationsBenchmark(IReadOnlyList<BatchSizeResult> Results);

/// <summary>One batch's timing.</summary>
public sealed record BatchSizeResult(int BatchSize, double TotalTime, double TimePerVoxel, double Throughput);

/// <summary>One render per size; <see cref="Skipped"/> says why there are none.</summary>
public sealed record RenderingBenchmark(IReadOnlyList<RenderSizeResult> Results, string? Skipped = null);

/// <summary>One render's timing, with the daemon's own render time.</summary>
public sealed record RenderSizeResult(int Width, int Height, double RenderTime, double PixelsPerSecond, double DaemonRenderTime);

/// <summary>This process's memory before and after sending the voxels (the daemon's is not in it).</summary>
public sealed record MemoryBenchmark(int VoxelCount, MemoryStats InitialMemory, MemoryStats FinalMemory, double MemoryPerVoxel);

/// <summary>Managed heap, committed heap and working set, MB.</summary>
public sealed record MemoryStats(double HeapUsed, double HeapTotal, double Rss);
