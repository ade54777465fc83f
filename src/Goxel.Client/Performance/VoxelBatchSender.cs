namespace Goxel.Client;

/// <summary>Sends one batch of voxels somewhere (a client, a pool, or a stand-in in tests).</summary>
public delegate Task<BatchResult> VoxelBatchSender(IReadOnlyList<Voxel> voxels, CancellationToken cancellationToken);

/// <summary>The usual <see cref="VoxelBatchSender"/>s: goxel.add_voxel_batch over one client or a pool.</summary>
public static class VoxelBatchSenders
{
    /// <summary>Batches pipelined on one connection.</summary>
    public static VoxelBatchSender For(GoxelDaemonClient client, int? layerId = null, string? projectId = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return (voxels, ct) => client.AddVoxelBatchAsync(voxels, layerId, projectId, ct);
    }

    /// <summary>Each batch on a pooled connection.</summary>
    public static VoxelBatchSender For(ConnectionPool pool, int? layerId = null, string? projectId = null)
    {
        ArgumentNullException.ThrowIfNull(pool);
        return (voxels, ct) => pool.UseAsync(c => c.AddVoxelBatchAsync(voxels, layerId, projectId, ct), ct);
    }
}
