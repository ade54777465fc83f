namespace Goxel.Formats.Export;

/// <summary>
/// Upstream's "png" export is a render of the active camera. Rendering lives in Goxel.Render,
/// so this entry only reserves the name; the daemon routes it to the renderer.
/// </summary>
public sealed class PngRenderFormat : VoxelFormat
{
    /// <inheritdoc/>
    public override string Name => "png";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Extensions => [".png"];

    /// <inheritdoc/>
    public override string Description => "PNG render of the scene (produced by the renderer, not by this library)";
}
