using System.Text.Json;

namespace Goxel.Daemon.Handlers;

/// <summary>The original's MCP tool table (spec 5.10): tool name to the method it runs.</summary>
internal static class McpTools
{
    public static readonly IReadOnlyDictionary<string, Func<JsonElement, string>> Table = new Dictionary<string, Func<JsonElement, string>>
    {
        ["goxel_create_project"] = _ => "goxel.create_project",
        ["goxel_open_file"] = _ => "goxel.load_project",
        ["goxel_save_file"] = _ => "goxel.save_project",
        ["goxel_export_file"] = _ => "goxel.export_model",
        ["goxel_render_scene"] = _ => "goxel.render_scene",
        ["goxel_get_voxel"] = _ => "goxel.get_voxel",
        // A list of voxels goes to the batch method; a single position to add_voxel.
        ["goxel_add_voxels"] = a => HasArray(a, "voxels") || HasArray(a, "positions") ? "goxel.add_voxel_batch" : "goxel.add_voxel",
        ["goxel_remove_voxels"] = _ => "goxel.remove_voxel",
        ["goxel_paint_voxels"] = _ => "goxel.paint_voxels",
        ["goxel_flood_fill"] = _ => "goxel.flood_fill",
        ["goxel_procedural_shape"] = _ => "goxel.procedural_shape",
        ["goxel_batch_voxel_operations"] = _ => "goxel.batch_operations",
        ["goxel_new_layer"] = _ => "goxel.create_layer",
        ["goxel_delete_layer"] = _ => "goxel.delete_layer",
        ["goxel_list_layers"] = _ => "goxel.list_layers",
        ["goxel_merge_layers"] = _ => "goxel.merge_layers",
        ["goxel_set_layer_visibility"] = _ => "goxel.set_layer_visibility",
        ["ping"] = _ => "ping",
        ["version"] = _ => "version",
        ["list_methods"] = _ => "list_methods",
    };

    private static bool HasArray(JsonElement arguments, string name) =>
        arguments.ValueKind == JsonValueKind.Object && arguments.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.Array or JsonValueKind.String;
}
