using System.Text.Json;
using Goxel.Core;
using Goxel.Protocol;

namespace Goxel.Daemon.Handlers;

internal sealed partial class DaemonMethods
{
    private void RegisterLayers()
    {
        Register("goxel.list_layers", (p, w) =>
        {
            // Like the original, no open project lists no layers rather than failing.
            IReadOnlyList<(int Id, string Name, bool Visible, Rgba? Color, long VoxelCount, bool Active)> layers = p.GetString("project_id") is null && _projects.Current is null ? [] :
                Read(Resolve(p, RpcErrorCode.InternalError, "Failed to list layers"), project =>
                    project.Layers.Select(l => (l.Id, l.Name, l.Visible, l.Color, l.Volume.VoxelCount, Active: ReferenceEquals(l, project.ActiveLayer))).ToList());
            w.WriteStartObject();
            w.WriteNumber("count", layers.Count);
            w.WriteStartArray("layers");
            foreach (var layer in layers)
            {
                w.WriteStartObject();
                w.WriteNumber("id", layer.Id);
                w.WriteString("name", layer.Name);
                w.WriteBoolean("visible", layer.Visible);
                if (layer.Color is { } c)
                {
                    w.WriteStartArray("color");
                    w.WriteNumberValue(c.R);
                    w.WriteNumberValue(c.G);
                    w.WriteNumberValue(c.B);
                    w.WriteEndArray();
                }
                w.WriteNumber("voxel_count", layer.VoxelCount);
                w.WriteBoolean("active", layer.Active);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
        Register("goxel.create_layer", (p, w) =>
        {
            var name = p.GetString(0, "name") ?? "New Layer";
            int r = p.GetInt(1, "r", 0), g = p.GetInt(2, "g", 0), b = p.GetInt(3, "b", 0);
            if (p.TryGet("color", out var color))
            {
                var c = VoxelParams.ParseColor(color);
                (r, g, b) = (c.R, c.G, c.B);
            }
            if (r <= 0 && g <= 0 && b <= 0) r = g = b = 255;
            if (r is < 0 or > 255 || g is < 0 or > 255 || b is < 0 or > 255)
                throw RpcException.InvalidParams("Invalid color values (must be 0-255)");
            var visible = p.GetBool(4, "visible", true);
            var id = Edit(Resolve(p, -1008, "Failed to create layer"), project =>
            {
                var layer = project.AddLayer(name);
                layer.Visible = visible;
                layer.Color = new Rgba((byte)r, (byte)g, (byte)b, 255);
                return layer.Id;
            });
            w.WriteStartObject();
            w.WriteBoolean("success", true);
            w.WriteNumber("layer_id", id);
            w.WriteString("name", name);
            w.WriteBoolean("visible", visible);
            w.WriteStartArray("color");
            w.WriteNumberValue(r);
            w.WriteNumberValue(g);
            w.WriteNumberValue(b);
            w.WriteEndArray();
            w.WriteEndObject();
        });
        Register("goxel.delete_layer", (p, w) =>
        {
            var id = p.GetInt(0, "layer_id", 0);
            var name = p.GetString(1, "layer_name") ?? p.GetString("name");
            if (id <= 0 && name is null) throw RpcException.InvalidParams("Must specify either layer_id or layer_name");
            Edit(Resolve(p, -1012, "Failed to delete layer"), project =>
            {
                var layer = (id > 0 ? project.FindLayer(id) : project.FindLayer(name!))
                    ?? throw new RpcException(-1012, id > 0 ? $"Failed to delete layer: no layer with id {id}" : $"Failed to delete layer: no layer named '{name}'");
                project.RemoveLayer(layer);
            });
            WriteSuccess(w);
        });
        Register("goxel.merge_layers", (p, w) =>
        {
            var source = p.GetInt(0, "source_layer_id", 0);
            var target = p.GetInt(1, "target_layer_id", 0);
            if (source <= 0 || target <= 0) throw RpcException.InvalidParams("Must specify valid source_layer_id and target_layer_id");
            if (source == target) throw new RpcException(-1013, "Failed to merge layers: source and target are the same layer");
            Edit(Resolve(p, -1013, "Failed to merge layers"), project =>
            {
                var from = project.FindLayer(source) ?? throw new RpcException(-1013, $"Failed to merge layers: no layer with id {source}");
                var into = project.FindLayer(target) ?? throw new RpcException(-1013, $"Failed to merge layers: no layer with id {target}");
                ColorBlend.MergeOver(into.Volume, from.Volume);
                project.RemoveLayer(from);
            });
            WriteSuccess(w);
        });
        Register("goxel.set_layer_visibility", (p, w) =>
        {
            var id = p.GetInt(0, "layer_id", 0);
            if (id <= 0) throw RpcException.InvalidParams("Must specify valid layer_id");
            var visible = p.GetBool(1, "visible", true);
            Edit(Resolve(p, -1014, "Failed to set layer visibility"), project =>
                (project.FindLayer(id) ?? throw new RpcException(-1014, $"Failed to set layer visibility: no layer with id {id}")).Visible = visible);
            w.WriteStartObject();
            w.WriteBoolean("success", true);
            w.WriteNumber("layer_id", id);
            w.WriteBoolean("visible", visible);
            w.WriteEndObject();
        });
        Register("goxel.set_active_layer", (p, w) =>
        {
            var id = p.GetInt(0, "layer_id", 0);
            Edit(Resolve(p, RpcErrorCode.InternalError, "Failed to set the active layer"), project =>
                project.ActiveLayer = project.FindLayer(id) ?? throw RpcException.InvalidParams($"No layer with id {id}"));
            w.WriteStartObject();
            w.WriteBoolean("success", true);
            w.WriteNumber("layer_id", id);
            w.WriteEndObject();
        });
    }

    private static void WriteSuccess(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteBoolean("success", true);
        w.WriteEndObject();
    }
}
