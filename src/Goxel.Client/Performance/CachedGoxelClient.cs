namespace Goxel.Client;

/// <summary>
/// The guide's CachedGoxelClient: reads served from a <see cref="ResponseCache"/> (project info 10 s,
/// the rest the default TTL); every write through this wrapper drops the entries it can change.
/// Writes by other clients are seen only when the TTL runs out.
/// </summary>
public sealed class CachedGoxelClient(GoxelDaemonClient client, ResponseCache? cache = null)
{
    private static readonly TimeSpan ProjectInfoTtl = TimeSpan.FromSeconds(10);

    /// <summary>The wrapped client.</summary>
    public GoxelDaemonClient Client { get; } = client ?? throw new ArgumentNullException(nameof(client));

    /// <summary>The cache.</summary>
    public ResponseCache Cache { get; } = cache ?? new ResponseCache();

    /// <summary>GetProjectInfoAsync, cached 10 s per project.</summary>
    public Task<ProjectInfo> GetProjectInfoCachedAsync(string? projectId = null, CancellationToken cancellationToken = default) =>
        Cache.GetOrFetchAsync($"project_info_{projectId ?? "current"}", () => Client.GetProjectInfoAsync(projectId, cancellationToken), ProjectInfoTtl);

    /// <summary>ListLayersAsync, cached.</summary>
    public Task<LayerList> ListLayersCachedAsync(string? projectId = null, CancellationToken cancellationToken = default) =>
        Cache.GetOrFetchAsync($"layer_list_{projectId ?? "current"}", () => Client.ListLayersAsync(projectId, cancellationToken));

    /// <summary>GetVoxelAsync, cached per position, layer and project.</summary>
    public Task<VoxelInfo> GetVoxelCachedAsync(VoxelPosition position, int? layerId = null, string? projectId = null, CancellationToken cancellationToken = default) =>
        Cache.GetOrFetchAsync($"{VoxelPrefix(position)}{projectId ?? "current"}/{layerId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "active"}",
            () => Client.GetVoxelAsync(position, layerId, projectId, cancellationToken));

    /// <summary>GetBoundingBoxAsync, cached.</summary>
    public Task<BoundingBoxResult> GetBoundingBoxCachedAsync(int layerId = -1, string? projectId = null, CancellationToken cancellationToken = default) =>
        Cache.GetOrFetchAsync($"bounding_box_{projectId ?? "current"}_{layerId}", () => Client.GetBoundingBoxAsync(layerId, projectId, cancellationToken));

    /// <summary>AddVoxelAsync, then drops project info, layer lists, bounding boxes and that cell's voxel.</summary>
    public async Task<VoxelResult> AddVoxelAsync(VoxelPosition position, Rgba color, int? layerId = null, string? projectId = null, CancellationToken cancellationToken = default)
    {
        var result = await Client.AddVoxelAsync(position, color, layerId, projectId, cancellationToken).ConfigureAwait(false);
        InvalidateSummaries();
        Cache.Invalidate(VoxelPrefix(position));
        return result;
    }

    /// <summary>RemoveVoxelAsync with the same invalidation.</summary>
    public async Task<VoxelResult> RemoveVoxelAsync(VoxelPosition position, int? layerId = null, string? projectId = null, CancellationToken cancellationToken = default)
    {
        var result = await Client.RemoveVoxelAsync(position, layerId, projectId, cancellationToken).ConfigureAwait(false);
        InvalidateSummaries();
        Cache.Invalidate(VoxelPrefix(position));
        return result;
    }

    /// <summary>AddVoxelBatchAsync, then drops every cached voxel and summary.</summary>
    public async Task<BatchResult> AddVoxelBatchAsync(IReadOnlyList<Voxel> voxels, int? layerId = null, string? projectId = null, CancellationToken cancellationToken = default)
    {
        var result = await Client.AddVoxelBatchAsync(voxels, layerId, projectId, cancellationToken).ConfigureAwait(false);
        InvalidateSummaries();
        Cache.Invalidate("voxel:");
        return result;
    }

    private void InvalidateSummaries()
    {
        Cache.Invalidate("project_info");
        Cache.Invalidate("layer_list");
        Cache.Invalidate("bounding_box");
    }

    // Ends with '@' so one pattern matches that cell in every project and layer and no other cell
    // (a plain "voxel_1,2,3" would also match 1,2,34).
    private static string VoxelPrefix(VoxelPosition p) => $"voxel:{p}@";
}
