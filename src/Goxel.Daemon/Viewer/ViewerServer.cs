using System.Net;
using Goxel.Daemon.Configuration;
using Goxel.Daemon.Network;
using Goxel.Daemon.Projects;
using Goxel.Render;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Goxel.Daemon.Viewer;

/// <summary>
/// The live viewer's HTTP server (server.http / --http): Kestrel, built by hand around
/// <see cref="ViewerSite"/> (no web host, no DI container of its own), started and stopped with the
/// daemon. Created only when server.http is set, so none of it runs otherwise. Logs the
/// viewer's URL with the token, which a browser trades for a cookie on the first visit.
/// </summary>
internal sealed class ViewerServer(IPEndPoint endpoint, ProjectStore projects, CurrentSettings current, TcpToken token,
    RenderCache cache, ILoggerFactory loggers) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILogger _logger = loggers.CreateLogger<ViewerServer>();
    private KestrelServer? _server;

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = new KestrelServerOptions { AddServerHeader = false };
        // Bodies past the render request's 4 KiB get the API's own 413; this only stops a flood early.
        options.Limits.MaxRequestBodySize = 1 << 20;
        options.Listen(endpoint);
        var transport = new SocketTransportFactory(Options.Create(new SocketTransportOptions()), loggers);
        _server = new KestrelServer(Options.Create(options), transport, loggers);
        var site = new ViewerSite(projects, new ProjectApi(projects, current, cache), loggers, _stopping.Token);
        try
        {
            await _server.StartAsync(site, cancellationToken);
        }
        catch (IOException ex)
        {
            throw new EndpointException($"cannot listen on {endpoint} for the viewer: {ex.Message}");
        }
        // Port 0 asks the system for one: the address Kestrel reports has the real port.
        var bound = new Uri(_server.Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var listening = new IPEndPoint(endpoint.Address, bound.Port);
        site.Access = new ViewerAccess(token, listening);
        _logger.LogInformation("viewer: http://{Address}/?token={Token}", listening, Uri.EscapeDataString(token.Secret!));
    }

    /// <inheritdoc/>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_server is not null) await _server.StopAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _server?.Dispose();
        _stopping.Dispose();
    }
}
