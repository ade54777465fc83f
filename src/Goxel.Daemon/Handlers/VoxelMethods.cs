using System.Text.Json;
using Goxel.Core;
using Goxel.Protocol;

namespace Goxel.Daemon.Handlers;

internal sealed partial class DaemonMethods
{
    private void RegisterVoxels()
    {
        Register("goxel.add_voxel", (p, w) =>
        {
            var position = VoxelParams.Position(p);
            var color = VoxelParams.Color(p);
            var layerId = p.GetInt(7, "layer_id", 0);
            var open = Resolve(p, -1004, "Failed to add voxel");
            lock (open.Gate)
            {
                // Like the original, an unknown layer id falls back to the active layer.
                var layer = (layerId > 0 ? open.Project.FindLayer(layerId) : null) ?? open.Project.ActiveLayer;
                layer.Volume.Set(position, color);
            }
            w.WriteStartObject();
            w.WriteBoolean("success", true);
            w.WriteNumber("x", position.X);
            w.WriteNumber("y", position.Y);
            w.WriteNumber("z", position.Z);
            w.WriteNumber("layer_id", layerId);
            w.WriteRgba("color", color);
            w.WriteEndObject();
        });
        Register("goxel.remove_voxel", (p, w) =>
        {
            var position = VoxelParams.Position(p);
            var layerId = p.GetInt(3, "layer_id", 0);
            var open = Resolve(p, -1005, "Failed to remove voxel");
            lock (open.Gate)
            {
                var layer = layerId > 0
                    ? open.Project.FindLayer(layerId) ?? throw new RpcException(-1005, $"Failed to remove voxel: no layer with id {layerId}")
                    : open.Project.ActiveLayer;
                layer.Volume.Set(position, Rgba.Empty);
            }
            w.WriteStartObject();
            w.WriteBoolean("success", true);
            w.WriteNumber("x", position.X);
            w.WriteNumber("y", position.Y);
            w.WriteNumber("z", position.Z);
            w.WriteNumber("layer_id", layerId);
            w.WriteEndObject();
        });
        Register("goxel.get_voxel", (p, w) =>
        {
            var position = VoxelParams.Position(p);
            var layerId = p.GetInt(3, "layer_id", 0);
            var open = Resolve(p, -1006, "Failed to get voxel");
            Rgba color;
            lock (open.Gate)
            {
                var layer = layerId > 0
                    ? open.Project.FindLayer(layerId) ?? throw new RpcException(-1006, $"Failed to get voxel: no layer with id {layerId}")
                    : open.Project.ActiveLayer;
                color = layer.Volume.Get(position);
            }
            w.WriteStartObject();
            w.WriteNumber("x", position.X);
            w.WriteNumber("y", position.Y);
            w.WriteNumber("z", position.Z);
            w.WriteBoolean("exists", !color.IsEmpty);
            w.WriteRgba("color", color);
            w.WriteEndObject();
        });
        Register("add_voxels", AddVoxels);
    }

    /// <summary>
    /// The original's batch add: items {x,y,z,r,g,b[,a]} of JSON integers with channels 0-255;
    /// items that do not fit are counted as failed, the rest written to the active layer.
    /// </summary>
    private void AddVoxels(RpcParams p, Utf8JsonWriter w)
    {
        if (!p.TryGet(0, "voxels", out var voxels)) throw RpcException.InvalidParams("Missing voxels parameter");
        if (voxels.ValueKind != JsonValueKind.Array) throw RpcException.InvalidParams("Invalid voxels parameter (must be array)");
        var open = Resolve(p, RpcErrorCode.InternalError, "Failed to add voxels");
        int added = 0, failed = 0;
        lock (open.Gate)
        {
            var volume = open.Project.ActiveLayer.Volume;
            foreach (var item in voxels.EnumerateArray())
            {
                if (TryReadStrictVoxel(item, out var position, out var color))
                {
                    volume.Set(position, color);
                    added++;
                }
                else failed++;
            }
        }
        w.WriteStartObject();
        w.WriteBoolean("success", failed == 0);
        w.WriteNumber("added", added);
        w.WriteNumber("failed", failed);
        w.WriteEndObject();
    }

    private static bool TryReadStrictVoxel(JsonElement item, out Int3 position, out Rgba color)
    {
        position = default;
        color = default;
        if (item.ValueKind != JsonValueKind.Object) return false;
        Span<int> v = stackalloc int[7];
        ReadOnlySpan<string> names = ["x", "y", "z", "r", "g", "b", "a"];
        for (var i = 0; i < names.Length; i++)
        {
            if (!item.TryGetProperty(names[i], out var e))
            {
                if (i < 6) return false;
                v[i] = 255;
                continue;
            }
            if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out v[i])) return false;
            if (i >= 3 && v[i] is < 0 or > 255) return false;
        }
        position = new Int3(v[0], v[1], v[2]);
        color = new Rgba((byte)v[3], (byte)v[4], (byte)v[5], (byte)v[6]);
        return true;
    }
}
