using Goxel.Core;
using Goxel.Render;

namespace Goxel.Formats.Export;

/// <summary>
/// Upstream's "png" export: a render of the visible layers from Goxel's default view, at
/// upstream's default export size of 1024 x 1024 on its light background.
/// </summary>
public sealed class PngRenderFormat : VoxelFormat
{
    private const int ExportSize = 1024;

    /// <inheritdoc/>
    public override string Name => "png";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Extensions => [".png"];

    /// <inheritdoc/>
    public override string Description => "PNG render of the scene from Goxel's default view";

    /// <inheritdoc/>
    public override bool CanWrite => true;

    /// <inheritdoc/>
    public override void Write(Project project, Stream output, ExportContext context) =>
        PngEncoder.Encode(new VoxelRenderer(new RenderLimits(MaxThreads: context.Options.MaxThreads))
            .Render(project, new RenderOptions { Width = ExportSize, Height = ExportSize }, context.Options.Cancellation), output);
}
