using System.Text.Json.Nodes;

namespace Goxel.Mcp;

/// <summary>Asking the engine for a PNG of a project.</summary>
internal static class ProjectRender
{
    /// <summary>Largest side a render tool call may ask for: big enough to inspect, small enough for a model's context.</summary>
    public const int MaxSide = 2048;

    /// <summary>The camera presets the engine knows.</summary>
    public const string Presets = "isometric, front, back, left, right, top, bottom, default";

    /// <summary>Renders with <paramref name="parameters"/> (size, camera, look) and returns the PNG's bytes.</summary>
    public static async Task<byte[]> PngAsync(IVoxelEngine engine, JsonObject parameters, CancellationToken cancellationToken)
    {
        parameters["format"] = "png";
        var result = await engine.CallAsync("goxel.render_image", parameters, cancellationToken).ConfigureAwait(false);
        return result.GetProperty("image_data").GetBytesFromBase64();
    }
}
