using System.Buffers.Binary;
using System.Text.Json;
using Goxel.Core;
using Goxel.Protocol;

namespace Goxel.Daemon.Handlers;

internal sealed partial class DaemonMethods
{
    private const int DefaultPageLimit = 10_000;

    // A region read up to 64^3 cells (64 blocks) is quick enough for an event loop to run.
    private const long QuickRegionCells = 64 * 64 * 64;

    // Largest page list a connection thread keeps for its next read (24 bytes a voxel).
    private const int KeptPageCapacity = 4_096;

    // The page list of this connection thread's last read: a region read is one request in five
    // of a typical mix, and growing a fresh list for each was a fifth of all allocation.
    [ThreadStatic] private static List<(int LayerId, Voxel Voxel)>? t_page;

    private void RegisterRegions()
    {
        // The params object itself holds min and max, as a region object does.
        Register("goxel.get_voxels_region", (p, w) =>
        {
            var box = LayerParams.Box(p.Element);
            // Small regions are quick; a large one runs off the event loop.
            if (box.CellCount > QuickRegionCells) InlineRequests.DeferOnLoop();
            WritePage(p, w, box, "Failed to get voxels");
        });
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
        // This thread waits for the read (which may run on the thread holding the project), so
        // its list is used by one read at a time.
        var page = t_page ?? [];
        t_page = null;
        var truncated = Read(Resolve(p, RpcErrorCode.InternalError, failure), project =>
        {
            var query = new VoxelQuery(LayerParams.Select(project, layerId, "Bulk operation failed"), region, filter);
            var skip = offset;
            foreach (var voxel in query.Voxels())
            {
                if (skip > 0)
                {
                    skip--;
                    continue;
                }
                budget.Spend();
                if (limit != 0 && page.Count == limit) return true;
                page.Add(voxel);
            }
            return false;
        });
        WriteResult(w, page, truncated, layerId == LayerParams.All, VoxelEncoding(p));
        if (page.Capacity > KeptPageCapacity) return;
        page.Clear();
        t_page = page;
    }

    /// <summary>The page's result object: the voxels (objects or packed), count, truncated, bbox.</summary>
    private void WriteResult(Utf8JsonWriter w, List<(int LayerId, Voxel Voxel)> page, bool truncated, bool withLayer, bool packed)
    {
        w.WriteStartObject();
        if (packed) WritePacked(w, page, withLayer);
        else WriteObjects(w, page, withLayer);
        w.WriteNumber("count", page.Count);
        w.WriteBoolean("truncated", truncated);
        if (Bounds(page) is { } b)
        {
            w.WriteStartObject("bbox");
            w.WriteInt3("min", b.Min);
            w.WriteInt3("max", b.Max);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    /// <summary>"encoding": "json" (default, an object per voxel) or "packed" (base64 arrays, as add_voxel_batch reads them).</summary>
    private static bool VoxelEncoding(RpcParams p) => p.GetString("encoding") switch
    {
        null or "json" => false,
        "packed" => true,
        var other => throw RpcException.InvalidParams($"Invalid params: 'encoding' must be \"json\" or \"packed\", got \"{other}\""),
    };

    private static void WriteObjects(Utf8JsonWriter w, List<(int LayerId, Voxel Voxel)> page, bool withLayer)
    {
        w.WriteStartArray("voxels");
        foreach (var (layer, voxel) in page)
        {
            w.WriteStartObject();
            w.WriteNumber("x", voxel.Position.X);
            w.WriteNumber("y", voxel.Position.Y);
            w.WriteNumber("z", voxel.Position.Z);
            w.WriteRgba("color", voxel.Color);
            if (withLayer) w.WriteNumber("layer_id", layer);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>
    /// The mirror of add_voxel_batch's packed input: "positions" base64 of little-endian int32
    /// x,y,z triples, "colors" base64 of RGBA bytes (and "layer_ids", int32 each, when reading
    /// every layer); compressed as <see cref="PackedPayload"/> decides.
    /// </summary>
    private void WritePacked(Utf8JsonWriter w, List<(int LayerId, Voxel Voxel)> page, bool withLayer)
    {
        var positions = new byte[page.Count * 12];
        var colors = new byte[page.Count * 4];
        var layers = withLayer ? new byte[page.Count * 4] : null;
        for (var i = 0; i < page.Count; i++)
        {
            var (layer, voxel) = page[i];
            BinaryPrimitives.WriteInt32LittleEndian(positions.AsSpan(i * 12), voxel.Position.X);
            BinaryPrimitives.WriteInt32LittleEndian(positions.AsSpan(i * 12 + 4), voxel.Position.Y);
            BinaryPrimitives.WriteInt32LittleEndian(positions.AsSpan(i * 12 + 8), voxel.Position.Z);
            colors[i * 4] = voxel.Color.R;
            colors[i * 4 + 1] = voxel.Color.G;
            colors[i * 4 + 2] = voxel.Color.B;
            colors[i * 4 + 3] = voxel.Color.A;
            if (layers is not null) BinaryPrimitives.WriteInt32LittleEndian(layers.AsSpan(i * 4), layer);
        }
        var compressed = PackedPayload.Compresses(_settings, positions.Length + colors.Length + (layers?.Length ?? 0));
        w.WriteString("encoding", "packed");
        PackedPayload.WriteCompression(w, compressed);
        PackedPayload.Write(w, "positions", positions, compressed);
        PackedPayload.Write(w, "colors", colors, compressed);
        if (layers is not null) PackedPayload.Write(w, "layer_ids", layers, compressed);
    }

    private static VoxelBox? Bounds(List<(int LayerId, Voxel Voxel)> page)
    {
        VoxelBox? bbox = null;
        foreach (var (_, voxel) in page)
        {
            var cell = new VoxelBox(voxel.Position, voxel.Position);
            bbox = bbox?.Union(cell) ?? cell;
        }
        return bbox;
    }
}
