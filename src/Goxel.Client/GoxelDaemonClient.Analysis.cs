using System.Text.Json;

namespace Goxel.Client;

public sealed partial class GoxelDaemonClient
{
    /// <summary>
    /// <c>goxel.render_image {width, height, camera?: {position, target, up?, fov?} | preset, format:"png", project_id?}</c>.
    /// Give <paramref name="camera"/> or <paramref name="preset"/> (front, back, left, right, top, bottom, isometric), or neither.
    /// </summary>
    public Task<RenderResult> RenderImageAsync(int width, int height, Camera? camera = null, string? preset = null, string? projectId = null,
        CancellationToken cancellationToken = default) =>
        InvokeAsync("goxel.render_image", JsonParams.Object(w =>
        {
            w.WriteNumber("width", width);
            w.WriteNumber("height", height);
            if (camera is not null)
            {
                w.WritePropertyName("camera");
                JsonSerializer.Serialize(w, camera, ClientJsonContext.Default.Camera);
            }
            else
            {
                w.WriteOptional("camera", preset);
            }
            w.WriteString("format", "png");
            w.WriteOptional("project_id", projectId);
        }), ClientJsonContext.Default.RenderResult, cancellationToken);

    /// <summary><c>goxel.get_color_histogram {sort_by_count, bin_size?, top_n?, layer_id?, project_id?}</c>.</summary>
    public Task<ColorHistogram> GetColorHistogramAsync(bool sortByCount = true, int? binSize = null, int? topN = null, int? layerId = null,
        string? projectId = null, CancellationToken cancellationToken = default) =>
        InvokeAsync("goxel.get_color_histogram", JsonParams.Object(w =>
        {
            w.WriteBoolean("sort_by_count", sortByCount);
            w.WriteOptional("bin_size", binSize);
            w.WriteOptional("top_n", topN);
            w.WriteOptional("layer_id", layerId);
            w.WriteOptional("project_id", projectId);
        }), ClientJsonContext.Default.ColorHistogram, cancellationToken);

    /// <summary><c>goxel.find_voxels_by_color {color:[r,g,b,a], tolerance, include_locations, max_results?, layer_id?, project_id?}</c>.</summary>
    public Task<FoundVoxels> FindVoxelsByColorAsync(Rgba color, int tolerance = 0, bool includeLocations = true, int? maxResults = null,
        int? layerId = null, string? projectId = null, CancellationToken cancellationToken = default) =>
        InvokeAsync("goxel.find_voxels_by_color", JsonParams.Object(w =>
        {
            w.WriteColor("color", color);
            w.WriteNumber("tolerance", tolerance);
            w.WriteBoolean("include_locations", includeLocations);
            w.WriteOptional("max_results", maxResults);
            w.WriteOptional("layer_id", layerId);
            w.WriteOptional("project_id", projectId);
        }), ClientJsonContext.Default.FoundVoxels, cancellationToken);

    /// <summary><c>goxel.get_unique_colors {merge_similar, merge_threshold?, sort_by_count, layer_id?, project_id?}</c>.</summary>
    public Task<UniqueColors> GetUniqueColorsAsync(bool mergeSimilar = false, int? mergeThreshold = null, bool sortByCount = false,
        int? layerId = null, string? projectId = null, CancellationToken cancellationToken = default) =>
        InvokeAsync("goxel.get_unique_colors", JsonParams.Object(w =>
        {
            w.WriteBoolean("merge_similar", mergeSimilar);
            w.WriteOptional("merge_threshold", mergeThreshold);
            w.WriteBoolean("sort_by_count", sortByCount);
            w.WriteOptional("layer_id", layerId);
            w.WriteOptional("project_id", projectId);
        }), ClientJsonContext.Default.UniqueColors, cancellationToken);
}
