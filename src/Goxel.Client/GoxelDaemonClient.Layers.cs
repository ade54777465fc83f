using System.Text.Json;

namespace Goxel.Client;

public sealed partial class GoxelDaemonClient
{
    /// <summary><c>goxel.create_layer {name?, visible?, r?, g?, b?, project_id?}</c>.</summary>
    public Task<LayerResult> CreateLayerAsync(string? name = null, bool? visible = null, Rgba? color = null, string? projectId = null,
        CancellationToken cancellationToken = default) =>
        InvokeAsync("goxel.create_layer", JsonParams.Object(w =>
        {
            w.WriteOptional("name", name);
            w.WriteOptional("visible", visible);
            if (color is { } c)
            {
                w.WriteNumber("r", c.R);
                w.WriteNumber("g", c.G);
                w.WriteNumber("b", c.B);
            }
            w.WriteOptional("project_id", projectId);
        }), ClientJsonContext.Default.LayerResult, cancellationToken);

    /// <summary><c>goxel.list_layers {project_id?}</c>.</summary>
    public Task<LayerList> ListLayersAsync(string? projectId = null, CancellationToken cancellationToken = default) =>
        InvokeAsync("goxel.list_layers", JsonParams.ProjectOnly(projectId), ClientJsonContext.Default.LayerList, cancellationToken);

    /// <summary><c>goxel.delete_layer {layer_id | layer_name, project_id?}</c>.</summary>
    public Task<JsonElement> DeleteLayerAsync(int? layerId = null, string? layerName = null, string? projectId = null,
        CancellationToken cancellationToken = default) =>
        InvokeAsync("goxel.delete_layer", JsonParams.Object(w =>
        {
            w.WriteOptional("layer_id", layerId);
            w.WriteOptional("layer_name", layerName);
            w.WriteOptional("project_id", projectId);
        }), ClientJsonContext.Default.JsonElement, cancellationToken);

    /// <summary><c>goxel.set_active_layer {layer_id, project_id?}</c>.</summary>
    public Task<JsonElement> SetActiveLayerAsync(int layerId, string? projectId = null, CancellationToken cancellationToken = default) =>
        InvokeAsync("goxel.set_active_layer", LayerParams(layerId, projectId, null), ClientJsonContext.Default.JsonElement, cancellationToken);

    /// <summary><c>goxel.set_layer_visibility {layer_id, visible, project_id?}</c>.</summary>
    public Task<JsonElement> SetLayerVisibilityAsync(int layerId, bool visible, string? projectId = null, CancellationToken cancellationToken = default) =>
        InvokeAsync("goxel.set_layer_visibility", LayerParams(layerId, projectId, visible), ClientJsonContext.Default.JsonElement, cancellationToken);

    /// <summary><c>goxel.merge_layers {source_layer_id, target_layer_id, project_id?}</c>.</summary>
    public Task<JsonElement> MergeLayersAsync(int sourceLayerId, int targetLayerId, string? projectId = null, CancellationToken cancellationToken = default) =>
        InvokeAsync("goxel.merge_layers", JsonParams.Object(w =>
        {
            w.WriteNumber("source_layer_id", sourceLayerId);
            w.WriteNumber("target_layer_id", targetLayerId);
            w.WriteOptional("project_id", projectId);
        }), ClientJsonContext.Default.JsonElement, cancellationToken);

    private static Action<Utf8JsonWriter> LayerParams(int layerId, string? projectId, bool? visible) => JsonParams.Object(w =>
    {
        w.WriteNumber("layer_id", layerId);
        w.WriteOptional("visible", visible);
        w.WriteOptional("project_id", projectId);
    });
}
