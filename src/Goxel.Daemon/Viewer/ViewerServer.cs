using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Goxel.Daemon.Configuration;
using Goxel.Daemon.Http;
using Goxel.Daemon.Network;
using Goxel.Daemon.Projects;
using Goxel.Render;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Goxel.Daemon.Viewer;

/// <summary>
/// The live viewer's HTTP server (server.http / --http): our own small HTTP/1.1 server
/// (<see cref="HttpConnection"/>) on the listening socket the daemon bound at start-up, serving
/// <see cref="ViewerSite"/>, started and stopped with the daemon. Created only when server.http
/// is set, so none of it runs otherwise. Logs the viewer's URL with the token, which a browser
/// trades for a cookie on the first visit. At most <see cref="MaxConnections"/> connections are
/// served at once; one more gets 503 and is closed.
/// </summary>
internal sealed class ViewerServer(Socket listener, ProjectStore projects, CurrentSettings current, TcpToken token,
    RenderCache cache, ILoggerFactory loggers) : IHostedService, IDisposable
{
    /// <summary>Connections served at once (pages, API requests and live sockets together).</summary>
    public const int MaxConnections = 256;

    private readonly CancellationTokenSource _stopping = new();
    private readonly ILogger _logger = loggers.CreateLogger<ViewerServer>();
    private readonly ConcurrentDictionary<HttpConnection, bool> _open = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _accepting = Task.CompletedTask;

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Port 0 asked the system for one: the bound address has the real port.
        var listening = (IPEndPoint)listener.LocalEndPoint!;
        var site = new ViewerSite(projects, new ProjectApi(projects, current, cache), new ViewerAccess(token, listening), loggers, _stopping.Token);
        _accepting = AcceptAsync(site);
        _logger.LogInformation("viewer: http://{Address}/?token={Token}", listening, Uri.EscapeDataString(token.Secret!));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops accepting, ends live streams (close status 1001) and idle connections, and waits for
    /// the requests under way until <paramref name="cancellationToken"/>; then drops what is left.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        listener.Dispose();
        await _accepting;
        if (_open.IsEmpty) return;
        try
        {
            await _drained.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            foreach (var connection in _open.Keys) connection.Abort();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        listener.Dispose();
        _stopping.Dispose();
    }

    private async Task AcceptAsync(ViewerSite site)
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException || _stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException ex)
            {
                _logger.LogDebug("viewer: accept failed: {Reason}", ex.Message);
                continue;
            }
            var connection = new HttpConnection(socket, site.ProcessAsync, _logger, _stopping.Token);
            var busy = _open.Count >= MaxConnections;
            _open[connection] = true;
            _ = ServeAsync(connection, busy);
        }
    }

    private async Task ServeAsync(HttpConnection connection, bool busy)
    {
        try
        {
            await (busy ? connection.RefuseAsync(503, $"the viewer serves {MaxConnections} connections at most; try again later") : connection.RunAsync());
        }
        finally
        {
            _open.TryRemove(connection, out _);
            if (_open.IsEmpty && _stopping.IsCancellationRequested) _drained.TrySetResult();
        }
    }
}
