namespace Goxel.Client;

/// <summary>
/// The guide's BatchOptimizer: splits voxels into batches of the tested size (1000) and sends at
/// most <see cref="MaxConcurrency"/> (3) at a time.
/// </summary>
public sealed class BatchOptimizer(VoxelBatchSender send, int batchSize = BatchOptimizer.VoxelOperations, int maxConcurrency = 3)
{
    /// <summary>The guide's batch size for voxel operations.</summary>
    public const int VoxelOperations = 1000;

    /// <summary>The guide's batch size for renders (they do not batch).</summary>
    public const int RenderRequests = 1;

    /// <summary>The guide's batch size for exports.</summary>
    public const int ExportOperations = 1;

    /// <summary>The guide's batch size for file operations.</summary>
    public const int FileOperations = 10;

    /// <summary>Voxels per batch.</summary>
    public int BatchSize { get; } = Math.Max(1, batchSize);

    /// <summary>Batches in flight at most.</summary>
    public int MaxConcurrency { get; } = Math.Max(1, maxConcurrency);

    /// <summary>Writes every voxel; returns how many batches and voxels went out. Fails with the first failed batch.</summary>
    public async Task<(int Batches, int Count)> AddVoxelsOptimizedAsync(IReadOnlyList<Voxel> voxels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(send);
        ArgumentNullException.ThrowIfNull(voxels);
        var batches = Chunk(voxels, BatchSize);
        var counts = new int[batches.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, batches.Count),
            new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrency, CancellationToken = cancellationToken },
            async (i, ct) => counts[i] = (await send(batches[i], ct).ConfigureAwait(false)).Count).ConfigureAwait(false);
        return (batches.Count, counts.Sum());
    }

    /// <summary>Consecutive chunks of <paramref name="size"/> items.</summary>
    public static IReadOnlyList<IReadOnlyList<T>> Chunk<T>(IReadOnlyList<T> items, int size)
    {
        ArgumentNullException.ThrowIfNull(items);
        var chunks = new List<IReadOnlyList<T>>();
        for (var i = 0; i < items.Count; i += size)
        {
            var chunk = new T[Math.Min(size, items.Count - i)];
            for (var j = 0; j < chunk.Length; j++) chunk[j] = items[i + j];
            chunks.Add(chunk);
        }
        return chunks;
    }
}
