using System.Text.Json;

namespace Goxel.Client;

public sealed partial class GoxelDaemonClient
{
    /// <summary><c>goxel.paint_voxels {x, y, z, color:[r,g,b,a], layer_id?, project_id?}</c>: recolours an existing voxel.</summary>
    public Task<JsonElement> PaintVoxelAsync(VoxelPosition position, Rgba color, int? layerId = null, string? projectId = null,
        CancellationToken cancellationToken = default) =>
        InvokeAsync("goxel.paint_voxels", PaintParams(position, color, layerId, projectId), ClientJsonContext.Default.JsonElement, cancellationToken);

    /// <summary><c>goxel.flood_fill {x, y, z, color:[r,g,b,a], layer_id?, project_id?}</c>.</summary>
    public Task<JsonElement> FloodFillAsync(VoxelPosition position, Rgba color, int? layerId = null, string? projectId = null,
        CancellationToken cancellationToken = default) =>
        InvokeAsync("goxel.flood_fill", PaintParams(position, color, layerId, projectId), ClientJsonContext.Default.JsonElement, cancellationToken);

    /// <summary><c>goxel.procedural_shape {shape, size:[x,y,z], center:[x,y,z], color:[r,g,b,a], layer_id?, project_id?}</c> (cube, sphere, cylinder).</summary>
    public Task<JsonElement> ProceduralShapeAsync(string shape, VoxelPosition size, VoxelPosition center, Rgba color, int? layerId = null,
        string? projectId = null, CancellationToken cancellationToken = default) =>
        InvokeAsync("goxel.procedural_shape", JsonParams.Object(w =>
        {
            w.WriteString("shape", shape);
            w.WriteTriple("size", size);
            w.WriteTriple("center", center);
            w.WriteColor("color", color);
            w.WriteOptional("layer_id", layerId);
            w.WriteOptional("project_id", projectId);
        }), ClientJsonContext.Default.JsonElement, cancellationToken);

    /// <summary>
    /// <c>goxel.get_layer_voxels {layer_id?, offset?, limit?, project_id?}</c>, asked for packed
    /// (<c>"encoding": "packed"</c>, maybe compressed) and decoded: the same result in fewer bytes.
    /// </summary>
    public async Task<VoxelsRegion> GetLayerVoxelsAsync(int? layerId = null, int? offset = null, int? limit = null, string? projectId = null,
        CancellationToken cancellationToken = default) =>
        PackedVoxels.Decode(await InvokeAsync("goxel.get_layer_voxels", JsonParams.Object(w =>
        {
            w.WriteOptional("layer_id", layerId);
            w.WriteOptional("offset", offset);
            w.WriteOptional("limit", limit);
            w.WriteOptional("project_id", projectId);
            w.WriteString("encoding", "packed");
        }), WireJsonContext.Default.VoxelPage, cancellationToken).ConfigureAwait(false));

    /// <summary><c>goxel.import_file {path, format?, project_id?}</c>: the file's layers added to the project.</summary>
    public Task<JsonElement> ImportFileAsync(string path, string? format = null, string? projectId = null, CancellationToken cancellationToken = default) =>
        InvokeAsync("goxel.import_file", FileParams(path, format, projectId), ClientJsonContext.Default.JsonElement, cancellationToken);

    /// <summary><c>goxel.list_formats</c>.</summary>
    public Task<JsonElement> ListFormatsAsync(CancellationToken cancellationToken = default) =>
        InvokeAsync("goxel.list_formats", JsonParams.ProjectOnly(null), ClientJsonContext.Default.JsonElement, cancellationToken);

    /// <summary><c>goxel.execute_script {script, timeout_ms?, project_id?}</c>: JavaScript run against the project as one undo step.</summary>
    public Task<ScriptResult> ExecuteScriptAsync(string script, int? timeoutMs = null, string? projectId = null, CancellationToken cancellationToken = default) =>
        InvokeAsync("goxel.execute_script", JsonParams.Object(w =>
        {
            w.WriteString("script", script);
            w.WriteOptional("timeout_ms", timeoutMs);
            w.WriteOptional("project_id", projectId);
        }), ClientJsonContext.Default.ScriptResult, cancellationToken);

    /// <summary><c>goxel.render_scene {output_path, width, height, camera_preset?, project_id?}</c>: a PNG file.</summary>
    public Task<JsonElement> RenderSceneAsync(string outputPath, int width, int height, string? cameraPreset = null, string? projectId = null,
        CancellationToken cancellationToken = default) =>
        InvokeAsync("goxel.render_scene", JsonParams.Object(w =>
        {
            w.WriteString("output_path", outputPath);
            w.WriteNumber("width", width);
            w.WriteNumber("height", height);
            w.WriteOptional("camera_preset", cameraPreset);
            w.WriteOptional("project_id", projectId);
        }), ClientJsonContext.Default.JsonElement, cancellationToken);

    private static Action<Utf8JsonWriter> PaintParams(VoxelPosition position, Rgba color, int? layerId, string? projectId) => JsonParams.Object(w =>
    {
        w.WritePosition(position);
        w.WriteColor("color", color);
        w.WriteOptional("layer_id", layerId);
        w.WriteOptional("project_id", projectId);
    });
}
