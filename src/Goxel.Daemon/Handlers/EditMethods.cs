using System.Text.Json;
using Goxel.Core;
using Goxel.Protocol;

namespace Goxel.Daemon.Handlers;

internal sealed partial class DaemonMethods
{
    private void RegisterEdits()
    {
        Register("goxel.paint_voxels", (p, w) =>
        {
            var region = LayerParams.Region(p);
            // With a region the position is not used, so it is not required.
            var position = region is null ? VoxelParams.Position(p) : default;
            var color = SeparateColor(p, 3);
            var layerId = p.GetInt(7, "layer_id", 0);
            var budget = RegionBudget(p);
            var painted = Edit(Resolve(p, -1009, "Failed to paint voxel"), project =>
            {
                var volume = LayerOneOrActive(project, layerId).Volume;
                if (region is { } box) return Repaint(volume, box, color, budget);
                if (volume.Get(position).IsEmpty)
                    throw new RpcException(-1009, $"Failed to paint voxel: no voxel at ({position.X}, {position.Y}, {position.Z})");
                volume.Set(position, color);
                return 1L;
            });
            w.WriteStartObject();
            w.WriteBoolean("success", true);
            w.WriteNumber("painted", painted);
            w.WriteEndObject();
        });
        Register("goxel.flood_fill", (p, w) =>
        {
            var start = VoxelParams.Position(p);
            var color = SeparateColor(p, 3);
            var layerId = p.GetInt(7, "layer_id", 0);
            var budget = Budget(p, _settings.FloodFillMaxVoxels, "limits.flood_fill_max_voxels");
            var open = Resolve(p, -1010, "Failed to perform flood fill");
            long filled;
            try
            {
                filled = Edit(open, project =>
                {
                    var volume = LayerOneOrActive(project, layerId).Volume;
                    // Empty space is unbounded: a fill that starts there stays in the image box.
                    var clip = volume.Get(start).IsEmpty ? project.ImageBox : Coordinates.Space;
                    return FloodFill.Fill(volume, start, color, clip, budget);
                });
            }
            catch (RpcException ex) when (ex.Code == RpcErrorCode.LimitExceeded)
            {
                throw new RpcException(-1010, $"Failed to perform flood fill: {ex.Message}");
            }
            w.WriteStartObject();
            w.WriteBoolean("success", true);
            w.WriteNumber("voxels_filled", filled);
            w.WriteEndObject();
        });
        Register("goxel.procedural_shape", ProceduralShape);
        Register("goxel.batch_operations", BatchOperations);
    }

    /// <summary>Layer 1 by default (the original's choice for these methods), else the active one; a named layer must exist.</summary>
    private static Layer LayerOneOrActive(Project project, int layerId) => layerId > 0
        ? project.FindLayer(layerId) ?? throw RpcException.InvalidParams($"Invalid params: 'layer_id' {layerId} names no layer")
        : project.FindLayer(1) ?? project.ActiveLayer;

    /// <summary>
    /// Colour as separate r, g, b, a params (positional from <paramref name="index"/>): r, g, b
    /// default 0 and an alpha of 0 or less means opaque, as the original. "color" also works.
    /// </summary>
    private static Rgba SeparateColor(RpcParams p, int index)
    {
        if (p.IsObject && p.TryGet("color", out var color)) return VoxelParams.ParseColor(color);
        static byte Clamp(int v) => (byte)Math.Clamp(v, 0, 255);
        var a = p.GetInt(index + 3, "a", 255);
        return new Rgba(Clamp(p.GetInt(index, "r", 0)), Clamp(p.GetInt(index + 1, "g", 0)), Clamp(p.GetInt(index + 2, "b", 0)), a <= 0 ? (byte)255 : Clamp(a));
    }

    private static long Repaint(Volume volume, VoxelBox region, Rgba color, WorkBudget budget)
    {
        var cells = new List<Int3>();
        foreach (var voxel in volume.Within(region))
        {
            budget.Spend();
            cells.Add(voxel.Position);
        }
        foreach (var cell in cells) volume.Set(cell, color);
        return cells.Count;
    }

    private void ProceduralShape(RpcParams p, Utf8JsonWriter w)
    {
        var name = p.GetString(0, "shape_type") ?? p.GetString("shape") ?? "cube";
        ShapeKind kind = name switch
        {
            "cube" or "box" => ShapeKind.Cube,
            "sphere" => ShapeKind.Sphere,
            "cylinder" => ShapeKind.Cylinder,
            _ => throw new RpcException(-1011, $"Shape type not implemented yet: '{name}' (expected cube, sphere or cylinder)"),
        };
        var size = ShapeSize(p);
        if (size.X <= 0 || size.Y <= 0 || size.Z <= 0) throw RpcException.InvalidParams("Shape sizes must be positive");
        var center = p.IsObject && (p.TryGet("center", out var c) || p.TryGet("position", out c))
            ? VoxelParams.ParsePosition(c, p.Has("center") ? "center" : "position")
            : new Int3(CenterPart(p, 4, "center_x"), CenterPart(p, 5, "center_y"), CenterPart(p, 6, "center_z"));
        var color = SeparateColor(p, 7);
        var layerId = p.GetInt(11, "layer_id", 0);
        var region = Shape.Region(center, size);
        if (!Coordinates.Contains(region.Min) || !Coordinates.Contains(region.Max))
            throw RpcException.InvalidParams($"Invalid params: the shape reaches past the valid coordinates (±{Coordinates.Limit})");
        if (region.CellCount > _settings.ShapeMaxVoxels)
            throw RpcException.InvalidParams($"Shape too large: {region.CellCount} cells, the limit is {_settings.ShapeMaxVoxels} (limits.shape_max_voxels)");
        var created = Edit(Resolve(p, -1011, "Failed to create shape"), project => Shape.Fill(LayerOneOrActive(project, layerId).Volume, kind, region, color));
        w.WriteStartObject();
        w.WriteBoolean("success", true);
        w.WriteString("shape_type", name);
        w.WriteNumber("voxels_created", created);
        w.WriteEndObject();
    }

    private static int CenterPart(RpcParams p, int index, string name) => p.GetInt(index, name, 0, -Coordinates.Limit, Coordinates.Limit);

    /// <summary>size_x/y/z (default 10), or "size" as a number or [x, y, z], or "radius" (size 2r).</summary>
    private static Int3 ShapeSize(RpcParams p)
    {
        if (p.IsObject && p.TryGet("radius", out var radius))
        {
            var r = RpcParams.Integer(radius, "radius", 1, Coordinates.Limit / 2);
            return new Int3(2 * r, 2 * r, 2 * r);
        }
        if (p.IsObject && p.TryGet("size", out var size))
        {
            if (size.ValueKind == JsonValueKind.Number)
            {
                var s = RpcParams.Integer(size, "size", 1, Coordinates.Limit);
                return new Int3(s, s, s);
            }
            return VoxelParams.ParsePosition(size, "size");
        }
        return new Int3(p.GetInt(1, "size_x", 10, 1, Coordinates.Limit), p.GetInt(2, "size_y", 10, 1, Coordinates.Limit), p.GetInt(3, "size_z", 10, 1, Coordinates.Limit));
    }

    /// <summary>
    /// The original's batch: {operations:[{type, ...}]}, each add_voxel, remove_voxel or
    /// paint_voxel, counted as it succeeds (not atomic: a bad operation is skipped and counted).
    /// </summary>
    private void BatchOperations(RpcParams p, Utf8JsonWriter w)
    {
        if (!p.IsObject || !p.TryGet("operations", out var operations) || operations.ValueKind != JsonValueKind.Array)
            throw RpcException.InvalidParams("Must specify operations array");
        var total = operations.GetArrayLength();
        var done = Edit(Resolve(p, RpcErrorCode.InternalError, "Failed to run batch operations"), project =>
        {
            var succeeded = 0;
            foreach (var operation in operations.EnumerateArray())
                if (TryOperation(project, operation)) succeeded++;
            return succeeded;
        });
        w.WriteStartObject();
        w.WriteBoolean("success", true);
        w.WriteNumber("total_operations", total);
        w.WriteNumber("successful_operations", done);
        w.WriteNumber("failed_operations", total - done);
        w.WriteEndObject();
    }

    private static bool TryOperation(Project project, JsonElement operation)
    {
        var op = new RpcParams(operation);
        if (!op.IsObject) return false;
        try
        {
            var position = VoxelParams.Position(op);
            var volume = LayerOneOrActive(project, op.GetInt("layer_id", 0)).Volume;
            switch (op.GetString("type"))
            {
                case "add_voxel":
                    volume.Set(position, SeparateColor(op, 3));
                    return true;
                case "remove_voxel":
                    volume.Set(position, Rgba.Empty);
                    return true;
                case "paint_voxel" or "paint_voxels":
                    if (volume.Get(position).IsEmpty) return false;
                    volume.Set(position, SeparateColor(op, 3));
                    return true;
                default:
                    return false;
            }
        }
        catch (RpcException)
        {
            return false;
        }
    }
}
