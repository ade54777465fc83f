using Goxel.Daemon.Configuration;
using Goxel.Daemon.Network;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Goxel.Daemon.Hosting;

/// <summary>
/// Runs the socket server for the host's lifetime. On stop it stops accepting, lets open
/// connections finish what they have read.
/// </summary>
internal sealed class DaemonService(SocketServer server, CurrentSettings current, SettingSources sources, ILogger<DaemonService> logger) : IHostedService
{
    /// <summary>How long open connections get to finish when the daemon stops.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromMilliseconds(1500);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        server.Start();
        var settings = current.Value;
        logger.LogInformation("goxel-daemon {Version} listening on {Socket}{Tcp}", Handlers.DaemonMethods.Version, settings.SocketPath,
            settings.Tcp is null ? "" : $" and tcp {settings.Tcp}");
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("stopping: finishing open requests");
        await server.StopAsync(StopGrace);
    }

    /// <summary>
    /// SIGHUP: builds a new settings record from the config file, the environment and the command
    /// line (which keeps its precedence) and swaps it in; keys that need a restart keep their
    /// running value. Logs each change and each key left for a restart.
    /// </summary>
    public void Reload()
    {
        try
        {
            var warnings = new List<string>();
            var fresh = sources.Build(warnings);
            foreach (var warning in warnings) logger.LogWarning("{Warning}", warning);
            var (next, changed, restart) = SettingSources.Reconcile(current.Value, fresh);
            current.Replace(next);
            foreach (var change in changed) logger.LogInformation("SIGHUP: {Change}", change);
            foreach (var change in restart) logger.LogWarning("SIGHUP: {Change} needs a restart; keeping the running value", change);
            logger.LogInformation("SIGHUP: reloaded {Config}: {Changed} changed, {Restart} need a restart",
                sources.ConfigPath ?? "(no config file)", changed.Count, restart.Count);
        }
        catch (ConfigException ex)
        {
            logger.LogError("SIGHUP: settings not reloaded: {Reason}", ex.Message);
        }
    }
}
