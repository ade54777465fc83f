using System.Net.Sockets;
using System.Text;
using Goxel.Daemon.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Goxel.Daemon.Monitoring;

/// <summary>
/// monitoring.prometheus: answers "GET /metrics" over HTTP/1.x on its own listening socket
/// (bound at start-up, loopback unless server.allow_remote) with <see cref="PrometheusText"/>;
/// every other request gets 404. One short-lived connection at a time is all a scraper needs.
/// </summary>
internal sealed class PrometheusEndpoint(Socket listener, PrometheusText text, ILogger<PrometheusEndpoint> logger) : IHostedService
{
    // Longest request head read; a scrape's is a few hundred bytes.
    private const int MaxHead = 8192;
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(5);

    private Thread? _thread;
    private volatile bool _stopping;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _thread = new Thread(Accept) { IsBackground = true, Name = "goxel-prometheus" };
        _thread.Start();
        logger.LogInformation("prometheus metrics on http://{Endpoint}/metrics", listener.LocalEndPoint);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        listener.Dispose();
        text.Dispose();
        return Task.CompletedTask;
    }

    private void Accept()
    {
        while (!_stopping)
        {
            Socket client;
            try
            {
                client = listener.Accept();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                if (_stopping) return;
                continue;
            }
            using (client) Answer(client);
        }
    }

    private void Answer(Socket client)
    {
        try
        {
            client.ReceiveTimeout = (int)ReadTimeout.TotalMilliseconds;
            client.SendTimeout = (int)ReadTimeout.TotalMilliseconds;
            var found = ReadHead(client) is { Method: "GET", Path: "/metrics" };
            var bytes = Encoding.UTF8.GetBytes(found ? text.Scrape() : "not found: the metrics are at /metrics\n");
            var type = found ? "text/plain; version=0.0.4; charset=utf-8" : HttpResponseHead.PlainText;
            client.Send(HttpResponseHead.Format(found ? 200 : 404, type, bytes.Length, close: true));
            client.Send(bytes);
            client.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException ex)
        {
            logger.LogDebug("prometheus scrape failed: {Reason}", ex.Message);
        }
    }

    /// <summary>The request head, or null when it is malformed or does not end within <see cref="MaxHead"/> bytes.</summary>
    private static HttpRequestHead? ReadHead(Socket client)
    {
        var buffer = new byte[MaxHead];
        var length = 0;
        int end;
        while ((end = HttpRequestHead.Length(buffer.AsSpan(0, length))) < 0 && length < buffer.Length)
        {
            var n = client.Receive(buffer.AsSpan(length));
            if (n == 0) return null;
            length += n;
        }
        try
        {
            return end < 0 ? null : HttpRequestHead.Parse(buffer.AsSpan(0, end));
        }
        catch (BadRequestException)
        {
            return null;
        }
    }
}
