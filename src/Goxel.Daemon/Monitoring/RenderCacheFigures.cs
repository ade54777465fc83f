using Goxel.Render;

namespace Goxel.Daemon.Monitoring;

/// <summary>The render and block caches (one <see cref="RenderCache"/>, bounded together) as the metrics see them.</summary>
internal sealed class RenderCacheFigures(RenderCache cache) : ICacheFigures
{
    /// <inheritdoc/>
    public string Name => "render";

    /// <inheritdoc/>
    public long Bytes => cache.Bytes;
}
