using System.Buffers.Binary;
using System.Text.Json;

namespace Goxel.Client;

public sealed partial class GoxelDaemonClient
{
    private volatile bool _legacyBatch;

    /// <summary>True once <see cref="AddVoxelBatchAsync"/> fell back to the original <c>add_voxels</c>.</summary>
    public bool UsesLegacyBatch => _legacyBatch;

    /// <summary><c>goxel.add_voxel {x, y, z, color:[r,g,b,a], layer_id?, project_id?}</c>.</summary>
    public Task<VoxelResult> AddVoxelAsync(VoxelPosition position, Rgba color, int? layerId = null, string? projectId = null,
        CancellationToken cancellationToken = default) =>
        InvokeAsync("goxel.add_voxel", JsonParams.Object(w =>
        {
            w.WritePosition(position);
            w.WriteColor("color", color);
            w.WriteOptional("layer_id", layerId);
            w.WriteOptional("project_id", projectId);
        }), ClientJsonContext.Default.VoxelResult, cancellationToken);

    /// <summary><c>goxel.remove_voxel {x, y, z, layer_id?, project_id?}</c>.</summary>
    public Task<VoxelResult> RemoveVoxelAsync(VoxelPosition position, int? layerId = null, string? projectId = null,
        CancellationToken cancellationToken = default) =>
        InvokeAsync("goxel.remove_voxel", VoxelQuery(position, layerId, projectId), ClientJsonContext.Default.VoxelResult, cancellationToken);

    /// <summary><c>goxel.get_voxel {x, y, z, layer_id?, project_id?}</c>.</summary>
    public Task<VoxelInfo> GetVoxelAsync(VoxelPosition position, int? layerId = null, string? projectId = null,
        CancellationToken cancellationToken = default) =>
        InvokeAsync("goxel.get_voxel", VoxelQuery(position, layerId, projectId), ClientJsonContext.Default.VoxelInfo, cancellationToken);

    /// <summary>
    /// <c>goxel.add_voxel_batch {voxels:[[x,y,z,r,g,b,a],...], layer_id?, project_id?}</c>: atomic.
    /// A daemon without that method (-32601) gets the original <c>add_voxels {voxels:[{x,y,z,r,g,b,a}]}</c>
    /// (active layer, not atomic) instead, remembered for later calls.
    /// </summary>
    public async Task<BatchResult> AddVoxelBatchAsync(IReadOnlyList<Voxel> voxels, int? layerId = null, string? projectId = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(voxels);
        if (!_legacyBatch)
        {
            try
            {
                return await InvokeAsync("goxel.add_voxel_batch", JsonParams.Object(w =>
                {
                    w.WriteStartArray("voxels");
                    foreach (var v in voxels)
                    {
                        w.WriteStartArray();
                        w.WriteNumberValue(v.Position.X);
                        w.WriteNumberValue(v.Position.Y);
                        w.WriteNumberValue(v.Position.Z);
                        w.WriteNumberValue(v.Color.R);
                        w.WriteNumberValue(v.Color.G);
                        w.WriteNumberValue(v.Color.B);
                        w.WriteNumberValue(v.Color.A);
                        w.WriteEndArray();
                    }
                    w.WriteEndArray();
                    w.WriteOptional("layer_id", layerId);
                    w.WriteOptional("project_id", projectId);
                }), ClientJsonContext.Default.BatchResult, cancellationToken).ConfigureAwait(false);
            }
            catch (GoxelRpcException e) when (e.Code == -32601 && layerId is null)
            {
                _legacyBatch = true;
            }
        }
        var legacy = await InvokeAsync("add_voxels", JsonParams.Object(w =>
        {
            w.WriteStartArray("voxels");
            foreach (var v in voxels)
            {
                w.WriteStartObject();
                w.WritePosition(v.Position);
                w.WriteNumber("r"u8, v.Color.R);
                w.WriteNumber("g"u8, v.Color.G);
                w.WriteNumber("b"u8, v.Color.B);
                w.WriteNumber("a"u8, v.Color.A);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteOptional("project_id", projectId);
        }), ClientJsonContext.Default.JsonElement, cancellationToken).ConfigureAwait(false);
        return new BatchResult { Success = legacy.GetProperty("success").GetBoolean(), Count = legacy.GetProperty("added").GetInt32() };
    }

    /// <summary>
    /// <c>goxel.add_voxel_batch {positions: base64 int32 LE x,y,z, colors: base64 RGBA, layer_id?, project_id?}</c>:
    /// the packed form, no JSON number per coordinate.
    /// </summary>
    public Task<BatchResult> AddVoxelBatchPackedAsync(IReadOnlyList<Voxel> voxels, int? layerId = null, string? projectId = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(voxels);
        var positions = new byte[voxels.Count * 12];
        var colors = new byte[voxels.Count * 4];
        for (var i = 0; i < voxels.Count; i++)
        {
            var (p, c) = (voxels[i].Position, voxels[i].Color);
            BinaryPrimitives.WriteInt32LittleEndian(positions.AsSpan(i * 12), p.X);
            BinaryPrimitives.WriteInt32LittleEndian(positions.AsSpan(i * 12 + 4), p.Y);
            BinaryPrimitives.WriteInt32LittleEndian(positions.AsSpan(i * 12 + 8), p.Z);
            (colors[i * 4], colors[i * 4 + 1], colors[i * 4 + 2], colors[i * 4 + 3]) = (c.R, c.G, c.B, c.A);
        }
        return InvokeAsync("goxel.add_voxel_batch", JsonParams.Object(w =>
        {
            w.WriteBase64String("positions", positions);
            w.WriteBase64String("colors", colors);
            w.WriteOptional("layer_id", layerId);
            w.WriteOptional("project_id", projectId);
        }), ClientJsonContext.Default.BatchResult, cancellationToken);
    }

    /// <summary><c>goxel.get_bounding_box {layer_id (-1 active, -2 all), project_id?}</c>.</summary>
    public Task<BoundingBoxResult> GetBoundingBoxAsync(int layerId = -1, string? projectId = null, CancellationToken cancellationToken = default) =>
        InvokeAsync("goxel.get_bounding_box", JsonParams.Object(w =>
        {
            w.WriteNumber("layer_id", layerId);
            w.WriteOptional("project_id", projectId);
        }), ClientJsonContext.Default.BoundingBoxResult, cancellationToken);

    /// <summary><c>goxel.get_voxels_region {min:[x,y,z], max:[x,y,z], layer_id?, limit?, project_id?}</c> (inclusive).</summary>
    /// <remarks>Asked for packed (<c>"encoding": "packed"</c>, maybe compressed) and decoded.</remarks>
    public async Task<VoxelsRegion> GetVoxelsRegionAsync(VoxelPosition min, VoxelPosition max, int? layerId = null, int? limit = null,
        string? projectId = null, CancellationToken cancellationToken = default) =>
        PackedVoxels.Decode(await InvokeAsync("goxel.get_voxels_region", JsonParams.Object(w =>
        {
            w.WriteTriple("min", min);
            w.WriteTriple("max", max);
            w.WriteOptional("layer_id", layerId);
            w.WriteOptional("limit", limit);
            w.WriteOptional("project_id", projectId);
            w.WriteString("encoding", "packed");
        }), WireJsonContext.Default.VoxelPage, cancellationToken).ConfigureAwait(false));

    private static Action<Utf8JsonWriter> VoxelQuery(VoxelPosition position, int? layerId, string? projectId) => JsonParams.Object(w =>
    {
        w.WritePosition(position);
        w.WriteOptional("layer_id", layerId);
        w.WriteOptional("project_id", projectId);
    });
}
