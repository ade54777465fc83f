using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Goxel.Mcp;

/// <summary>Layers: separate stacks of voxels that render and export together.</summary>
[McpServerToolType]
public sealed class LayerTools(Workshop workshop)
{
    /// <summary>list_layers.</summary>
    [McpServerTool(Name = "list_layers", Title = "List layers", ReadOnly = true), Description(
        "List the project's layers: id, name, visibility, voxel count, and which is active (where tools draw by default).")]
    public Task<CallToolResult> ListLayers(
        [Description(VoxelTools.ProjectIdHelp)] string? project_id = null,
        CancellationToken cancellationToken = default) =>
        workshop.ReadAsync("goxel.list_layers", ToolParams.For(project_id), cancellationToken);

    /// <summary>create_layer.</summary>
    [McpServerTool(Name = "create_layer", Title = "Create layer"), Description(
        "Add an empty layer and make it active, so later drawing goes there. Returns its layer_id.")]
    public Task<CallToolResult> CreateLayer(McpServer server,
        [Description("Layer name, e.g. \"roof\".")] string name,
        [Description("Whether the layer is shown in renders and exports.")] bool visible = true,
        [Description(VoxelTools.ProjectIdHelp)] string? project_id = null,
        CancellationToken cancellationToken = default) =>
        workshop.EditAsync(server, "goxel.create_layer", ToolParams.For(project_id).With("name", name).With("visible", visible), cancellationToken);

    /// <summary>delete_layer.</summary>
    [McpServerTool(Name = "delete_layer", Title = "Delete layer", Destructive = true), Description(
        "Delete a layer and its voxels (undoable).")]
    public Task<CallToolResult> DeleteLayer(McpServer server,
        [Description("Layer id.")] int layer_id,
        [Description(VoxelTools.ProjectIdHelp)] string? project_id = null,
        CancellationToken cancellationToken = default) =>
        workshop.EditAsync(server, "goxel.delete_layer", ToolParams.For(project_id).With("layer_id", layer_id), cancellationToken);

    /// <summary>set_active_layer.</summary>
    [McpServerTool(Name = "set_active_layer", Title = "Set active layer"), Description(
        "Make a layer the one tools draw on when they are given no layer_id.")]
    public Task<CallToolResult> SetActiveLayer(McpServer server,
        [Description("Layer id.")] int layer_id,
        [Description(VoxelTools.ProjectIdHelp)] string? project_id = null,
        CancellationToken cancellationToken = default) =>
        workshop.EditAsync(server, "goxel.set_active_layer", ToolParams.For(project_id).With("layer_id", layer_id), cancellationToken);

    /// <summary>set_layer_visibility.</summary>
    [McpServerTool(Name = "set_layer_visibility", Title = "Show or hide layer"), Description(
        "Show or hide a layer; hidden layers are left out of renders and exports.")]
    public Task<CallToolResult> SetLayerVisibility(McpServer server,
        [Description("Layer id.")] int layer_id,
        [Description("true to show, false to hide.")] bool visible,
        [Description(VoxelTools.ProjectIdHelp)] string? project_id = null,
        CancellationToken cancellationToken = default) =>
        workshop.EditAsync(server, "goxel.set_layer_visibility",
            ToolParams.For(project_id).With("layer_id", layer_id).With("visible", visible), cancellationToken);

    /// <summary>merge_layers.</summary>
    [McpServerTool(Name = "merge_layers", Title = "Merge layers"), Description(
        "Merge the source layer onto the target layer (source voxels win where both have one) and delete the source.")]
    public Task<CallToolResult> MergeLayers(McpServer server,
        [Description("Layer merged and then deleted.")] int source_layer_id,
        [Description("Layer that receives the voxels.")] int target_layer_id,
        [Description(VoxelTools.ProjectIdHelp)] string? project_id = null,
        CancellationToken cancellationToken = default) =>
        workshop.EditAsync(server, "goxel.merge_layers",
            ToolParams.For(project_id).With("source_layer_id", source_layer_id).With("target_layer_id", target_layer_id), cancellationToken);
}
