using Goxel.Daemon.Configuration;
using Goxel.Formats;
using Goxel.Render;

namespace Goxel.Daemon.Handlers;

/// <summary>The file policy and renderer one settings record calls for.</summary>
internal sealed class SettingsViews(DaemonSettings settings, RenderCache cache)
{
    /// <summary>The record these were built from.</summary>
    public DaemonSettings Settings { get; } = settings;

    /// <summary>Client file access under files.workspace and files.allowed_roots; exports use at most daemon.worker_threads threads.</summary>
    public ProjectFiles Files { get; } = new(new PathPolicy(settings.Workspace,
        settings.AllowedRoots ?? [settings.Workspace ?? Directory.GetCurrentDirectory(), Path.GetTempPath()]), settings.Workers);

    /// <summary>
    /// The renderer under render.max_width and render.max_height, using at most daemon.worker_threads
    /// threads, over the daemon's one render cache (which outlives settings records).
    /// </summary>
    public VoxelRenderer Renderer { get; } = new(new RenderLimits(settings.RenderMaxWidth, settings.RenderMaxHeight, settings.Workers), cache);
}
