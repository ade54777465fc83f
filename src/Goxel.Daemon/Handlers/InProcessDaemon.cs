using Goxel.Daemon.Configuration;
using Goxel.Daemon.Projects;
using Goxel.Protocol;
using Goxel.Render;

namespace Goxel.Daemon.Handlers;

/// <summary>
/// The daemon's method table for a host in the same process (<c>goxel mcp --embedded</c>):
/// the same handlers the sockets dispatch to, with no listener, signals or hosting.
/// </summary>
public static class InProcessDaemon
{
    /// <summary>
    /// A fresh project store and every method over it, configured by <paramref name="settings"/>:
    /// memory-only, or journaled in <paramref name="vault"/> (the journal benchmark).
    /// </summary>
    public static IRpcMethodTable CreateMethods(DaemonSettings settings, RenderArchive archive, Storage.ProjectVault? vault = null)
    {
        var current = new CurrentSettings(settings);
        return new DaemonMethods(new ProjectStore(current, Microsoft.Extensions.Logging.Abstractions.NullLogger<ProjectStore>.Instance, vault), current, archive,
            new RenderCache(settings.RenderCacheLimits), new Monitoring.DaemonMetrics(current));
    }
}
