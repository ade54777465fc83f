using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using Goxel.Daemon.Configuration;
using Goxel.Protocol;
using Microsoft.Extensions.Logging;

namespace Goxel.Daemon.Network;

/// <summary>
/// Accepts connections on the daemon's listening sockets and serves each on its own task.
/// The connection limit counts connections open now, not connections ever made.
/// </summary>
internal sealed class SocketServer(IReadOnlyList<Socket> listeners, IRpcMethodTable methods, DaemonSettings settings, ILogger<SocketServer> logger)
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, Socket> _connections = new();
    private readonly List<Task> _acceptLoops = [];
    private int _open;

    /// <summary>Connections open now.</summary>
    public int OpenConnections => Volatile.Read(ref _open);

    /// <summary>Starts accepting on every listener.</summary>
    public void Start()
    {
        foreach (var listener in listeners) _acceptLoops.Add(Task.Run(() => AcceptLoopAsync(listener)));
    }

    /// <summary>
    /// Stops accepting, lets every connection finish the requests it has read, and closes
    /// what is still open when <paramref name="grace"/> runs out.
    /// </summary>
    public async Task StopAsync(TimeSpan grace)
    {
        foreach (var listener in listeners) listener.Dispose();
        await _stopping.CancelAsync();
        var pending = _connections.Keys.ToArray();
        await Task.WhenAny(Task.WhenAll(pending), Task.Delay(grace));
        foreach (var socket in _connections.Values) socket.Dispose();
        await Task.WhenAll(_acceptLoops).WaitAsync(grace).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stopping.IsCancellationRequested) return;
                logger.LogWarning("accept failed: {Reason}", ex.Message);
                continue;
            }
            if (client.ProtocolType == ProtocolType.Tcp) client.NoDelay = true;
            if (Interlocked.Increment(ref _open) > settings.MaxConnections)
            {
                Interlocked.Decrement(ref _open);
                Refuse(client);
                continue;
            }
            var connection = new Connection(client, new RpcProcessor(methods, LogFault), settings.MaxRequestBytes, logger);
            var task = ServeAsync(connection);
            _connections[task] = client;
            _ = task.ContinueWith(t => _connections.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(Connection connection)
    {
        await Task.Yield();
        try
        {
            await connection.RunAsync(_stopping.Token);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            logger.LogDebug("connection ended: {Reason}", ex.Message);
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }

    private void Refuse(Socket client)
    {
        logger.LogWarning("connection refused: {Limit} connections already open", settings.MaxConnections);
        var line = $"{{\"jsonrpc\":\"2.0\",\"error\":{{\"code\":-32000,\"message\":\"Too many connections: the limit is {settings.MaxConnections}\"}},\"id\":null}}\n";
        try
        {
            client.Send(Encoding.UTF8.GetBytes(line));
        }
        catch (SocketException)
        {
            // The peer is gone already; nothing to tell it.
        }
        client.Dispose();
    }

    private void LogFault(string method, Exception ex) => logger.LogError(ex, "method {Method} failed unexpectedly", method);
}
