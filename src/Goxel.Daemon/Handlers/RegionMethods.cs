using System.Text.Json;
using Goxel.Core;
using Goxel.Protocol;

namespace Goxel.Daemon.Handlers;

internal sealed partial class DaemonMethods
{
    private const int DefaultPageLimit = 10_000;

    private void RegisterRegions()
    {
        // The params object itself holds min and max, as a region object does.
        Register("goxel.get_voxels_region", (p, w) => WritePage(p, w, LayerParams.Box(p.Element), "Failed to get voxels"));
        Register("goxel.get_layer_voxels", (p, w) => WritePage(p, w, null, "Failed to get layer voxels"));
    }

    /// <summary>
    /// One page of voxels: offset skips, limit caps (0 = all), truncated says more exist. The
    /// bbox (inclusive) covers the returned voxels and is left out when there are none.
    /// </summary>
    private void WritePage(RpcParams p, Utf8JsonWriter w, VoxelBox? region, string failure)
    {
        var layerId = p.GetInt("layer_id", LayerParams.Active);
        var filter = VoxelQuery.ColorFilter(p);
        var offset = p.GetInt(-1, "offset", 0, 0, int.MaxValue);
        var limit = p.GetInt("limit", DefaultPageLimit);
        if (limit < 0) throw RpcException.InvalidParams("Parameter 'limit' must be 0 (no limit) or positive");
        var budget = RegionBudget(p);
        var (page, truncated) = Read(Resolve(p, RpcErrorCode.InternalError, failure), project =>
        {
            var query = new VoxelQuery(LayerParams.Select(project, layerId, "Bulk operation failed"), region, filter);
            var voxels = query.Voxels().Skip(offset).Select(v =>
            {
                budget.Spend();
                return v;
            });
            var taken = limit == 0 ? voxels.ToList() : voxels.Take(limit + 1).ToList();
            var more = limit != 0 && taken.Count > limit;
            if (more) taken.RemoveAt(limit);
            return (taken, more);
        });
        w.WriteStartObject();
        w.WriteStartArray("voxels");
        VoxelBox? bbox = null;
        foreach (var (layer, voxel) in page)
        {
            w.WriteStartObject();
            w.WriteNumber("x", voxel.Position.X);
            w.WriteNumber("y", voxel.Position.Y);
            w.WriteNumber("z", voxel.Position.Z);
            w.WriteRgba("color", voxel.Color);
            if (layerId == LayerParams.All) w.WriteNumber("layer_id", layer);
            w.WriteEndObject();
            var cell = new VoxelBox(voxel.Position, voxel.Position);
            bbox = bbox?.Union(cell) ?? cell;
        }
        w.WriteEndArray();
        w.WriteNumber("count", page.Count);
        w.WriteBoolean("truncated", truncated);
        if (bbox is { } b)
        {
            w.WriteStartObject("bbox");
            w.WriteInt3("min", b.Min);
            w.WriteInt3("max", b.Max);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }
}
