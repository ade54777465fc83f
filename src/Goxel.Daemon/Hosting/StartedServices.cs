using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Goxel.Daemon.Hosting;

/// <summary>
/// The daemon's long-running services (socket server, storage loop, memory watch, metrics line,
/// Prometheus endpoint, viewer), started in the order given and stopped in reverse, as
/// Microsoft.Extensions.Hosting's host did before the daemon was composed by hand
/// (docs/architecture.md). A background loop that fails stops the daemon rather than leaving it
/// running without, say, its checkpoints: <see cref="Failed"/> completes.
/// </summary>
internal sealed class StartedServices(ILogger logger)
{
    private readonly List<IHostedService> _started = [];
    private readonly TaskCompletionSource _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a started background loop ended with an exception.</summary>
    public Task Failed => _failed.Task;

    /// <summary>Starts <paramref name="service"/>; it is stopped (and disposed) by <see cref="StopAsync"/>.</summary>
    public async Task StartAsync(IHostedService service, CancellationToken cancellationToken)
    {
        await service.StartAsync(cancellationToken);
        _started.Add(service);
        if (service is BackgroundService { ExecuteTask: { } loop })
            _ = loop.ContinueWith(failed =>
            {
                logger.LogCritical(failed.Exception?.InnerException, "{Service} failed; stopping the daemon", service.GetType().Name);
                _failed.TrySetResult();
            }, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    /// <summary>
    /// Stops the started services, last started first, all within <paramref name="timeout"/>;
    /// a service that fails to stop is logged and the others still stop.
    /// </summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        using var grace = new CancellationTokenSource(timeout);
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            var service = _started[i];
            try
            {
                await service.StopAsync(grace.Token);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "{Service} did not stop cleanly", service.GetType().Name);
            }
            (service as IDisposable)?.Dispose();
        }
        _started.Clear();
    }
}
