using Goxel.Daemon.Configuration;
using Goxel.Daemon.Network;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Goxel.Daemon.Hosting;

/// <summary>
/// Runs the socket server for the host's lifetime. On stop it stops accepting, lets open
/// connections finish what they have read.
/// </summary>
internal sealed class DaemonService(SocketServer server, DaemonSettings settings, ILogger<DaemonService> logger) : IHostedService
{
    /// <summary>How long open connections get to finish when the daemon stops.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromMilliseconds(1500);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        server.Start();
        logger.LogInformation("goxel-daemon {Version} listening on {Socket}{Tcp}", Handlers.DaemonMethods.Version, settings.SocketPath,
            settings.Tcp is null ? "" : $" and tcp {settings.Tcp}");
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("stopping: finishing open requests");
        await server.StopAsync(StopGrace);
    }

    /// <summary>SIGHUP: re-reads the config file; endpoints stay, limits and logging options change.</summary>
    public void Reload()
    {
        if (settings.ConfigPath is null)
        {
            logger.LogInformation("SIGHUP: no config file to reload");
            return;
        }
        try
        {
            var fresh = new DaemonSettings();
            foreach (var warning in ConfigFile.Load(settings.ConfigPath, fresh, settings.CommandLineKeys)) logger.LogWarning("{Warning}", warning);
            settings.MaxConnections = fresh.MaxConnections;
            settings.TimeoutMs = fresh.TimeoutMs;
            settings.SlowRequestThresholdMs = fresh.SlowRequestThresholdMs;
            settings.PerformanceLogging = fresh.PerformanceLogging;
            logger.LogInformation("SIGHUP: reloaded {Config}", settings.ConfigPath);
        }
        catch (ConfigException ex)
        {
            logger.LogError("SIGHUP: config not reloaded: {Reason}", ex.Message);
        }
    }
}
