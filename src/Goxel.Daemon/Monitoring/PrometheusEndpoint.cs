using System.Net.Sockets;
using System.Text;
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
            var head = ReadHead(client);
            var line = head.Split('\n', 2)[0];
            var parts = line.Split(' ');
            var found = parts.Length >= 2 && parts[0] == "GET" && (parts[1] == "/metrics" || parts[1].StartsWith("/metrics?", StringComparison.Ordinal));
            var body = found ? text.Scrape() : "not found: the metrics are at /metrics\n";
            var bytes = Encoding.UTF8.GetBytes(body);
            var status = found ? "200 OK" : "404 Not Found";
            var type = found ? "text/plain; version=0.0.4; charset=utf-8" : "text/plain; charset=utf-8";
            client.Send(Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Type: {type}\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n"));
            client.Send(bytes);
            client.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException ex)
        {
            logger.LogDebug("prometheus scrape failed: {Reason}", ex.Message);
        }
    }

    /// <summary>The request line and headers, up to the blank line.</summary>
    private static string ReadHead(Socket client)
    {
        var buffer = new byte[MaxHead];
        var length = 0;
        while (length < buffer.Length)
        {
            var n = client.Receive(buffer.AsSpan(length));
            if (n == 0) break;
            length += n;
            if (buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) >= 0 || buffer.AsSpan(0, length).IndexOf("\n\n"u8) >= 0) break;
        }
        return Encoding.ASCII.GetString(buffer, 0, length);
    }
}
