using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using Goxel.Daemon.Configuration;
using Goxel.Protocol;
using Microsoft.Extensions.Logging;

namespace Goxel.Daemon.Network;

/// <summary>
/// Accepts connections on the daemon's listening sockets and deals them to the event loops
/// (server.event_loops; docs/performance.md measures why), or, for TLS and with no loops, serves
/// each on a thread of its own. The connection limit counts connections open now, not
/// connections ever made.
/// </summary>
internal sealed class SocketServer(IReadOnlyList<Socket> listeners, IRpcMethodTable methods, CurrentSettings current, TcpToken token, TlsCredentials? tls, ILogger<SocketServer> logger)
{
    private readonly ConcurrentDictionary<Connection, bool> _connections = new();
    private EventLoop[] _loops = [];
    private int _nextLoop;
    private readonly WireProtocol _protocol = current.Value.Protocol;
    private readonly McpTranslator? _mcp = current.Value.Protocol == WireProtocol.JsonRpc ? null : new McpTranslator(Handlers.McpTools.Table);
    private Timer? _peerWatch;
    private readonly List<Thread> _acceptors = [];
    private readonly Admission _admission = new(current, token, logger);
    private volatile bool _stopping;
    private int _open;

    /// <summary>Starts accepting on every listener.</summary>
    public void Start()
    {
        _loops = Enumerable.Range(0, current.Value.EventLoops).Select(i => new EventLoop(i, logger)).ToArray();
        Monitoring.ConnectionFigures.Daemon.CountLoops(() => Array.ConvertAll(_loops, loop => loop.Count));
        foreach (var listener in listeners)
        {
            var acceptor = new Thread(() => AcceptLoop(listener)) { IsBackground = true, Name = "goxel-accept" };
            _acceptors.Add(acceptor);
            acceptor.Start();
        }
        // Work whose client has gone is cancelled within this period.
        _peerWatch = new Timer(_ => WatchPeers(), null, PeerWatchPeriod, PeerWatchPeriod);
    }

    private static readonly TimeSpan PeerWatchPeriod = TimeSpan.FromMilliseconds(100);

    private void WatchPeers()
    {
        foreach (var connection in _connections.Keys) connection.CheckPeer();
    }

    /// <summary>
    /// Stops accepting, cancels the work in flight (each such request is answered with an error),
    /// lets every connection answer the requests it has read (its reading side is shut, so it
    /// sees end of stream after them), and closes what is still open when <paramref name="grace"/>
    /// runs out.
    /// </summary>
    public Task StopAsync(TimeSpan grace) => Task.Run(() =>
    {
        _stopping = true;
        _peerWatch?.Dispose();
        foreach (var listener in listeners) listener.Dispose();
        foreach (var connection in _connections.Keys)
        {
            ShutdownReceive(connection.Transport.Socket);
            connection.Cancel();
        }
        var deadline = DateTime.UtcNow + grace;
        while (!_connections.IsEmpty && DateTime.UtcNow < deadline) Thread.Sleep(5);
        foreach (var connection in _connections.Keys) connection.Transport.Socket.Dispose();
        foreach (var loop in _loops) loop.Stop();
    });

    private void AcceptLoop(Socket listener)
    {
        while (!_stopping)
        {
            Socket client;
            try
            {
                client = listener.Accept();
            }
            catch (Exception ex) when (ex is ObjectDisposedException or SocketException)
            {
                if (_stopping) return;
                logger.LogWarning("accept failed: {Reason}", ex.Message);
                continue;
            }
            var settings = current.Value;
            if (client.ProtocolType == ProtocolType.Tcp) KeepAlive(client);
            // The Unix socket stays plain: its file mode already says who may connect.
            Transport transport = tls is not null && client.ProtocolType == ProtocolType.Tcp ? new TlsTransport(client, tls, logger) : new SocketTransport(client);
            if (Interlocked.Increment(ref _open) > settings.MaxConnections)
            {
                Interlocked.Decrement(ref _open);
                Refuse(transport, settings.MaxConnections);
                continue;
            }
            var connection = new Connection(transport, new RpcProcessor(methods, LogFault, _mcp, mcpOnly: _protocol == WireProtocol.Mcp),
                settings.MaxRequestBytes, TimeSpan.FromSeconds(settings.IdleTimeoutSeconds), logger, Closed);
            _connections[connection] = true;
            if (_loops.Length == 0 || transport is not SocketTransport) OwnThreads.Run(() => Serve(connection));
            // A Unix client is admitted at once (its uid is read, not awaited); a TCP client's token is awaited on a thread of its own.
            else if (client.AddressFamily == AddressFamily.Unix) ToLoop(connection);
            else OwnThreads.Run(() => ToLoop(connection));
            if (_stopping) ShutdownReceive(client);
        }
    }

    private void Closed(Connection connection)
    {
        _connections.TryRemove(connection, out _);
        Interlocked.Decrement(ref _open);
    }

    // Admits a plain connection and deals it to the next event loop.
    private void ToLoop(Connection connection)
    {
        try
        {
            if (!_admission.Admit(connection.Transport))
            {
                connection.Close();
                return;
            }
            _loops[(int)((uint)Interlocked.Increment(ref _nextLoop) % _loops.Length)].Add(connection);
        }
        catch (Exception ex)
        {
            if (ex is not (SocketException or ObjectDisposedException)) logger.LogError(ex, "connection failed unexpectedly");
            connection.Close();
        }
    }

    /// <summary>
    /// No Nagle delay, and keepalive probes, so a peer that vanished without a word (its host
    /// gone, the network cut) fails the socket within about 25 s of silence: its in-flight work
    /// is cancelled and its thread ends, as for a peer that reset.
    /// </summary>
    private static void KeepAlive(Socket client)
    {
        client.NoDelay = true;
        client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        client.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 10);
        client.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 5);
        client.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 3);
    }

    private void Serve(Connection connection)
    {
        try
        {
            if (!connection.Transport.Open()) _admission.Refused(connection.Transport);
            else if (_admission.Admit(connection.Transport)) connection.Run();
        }
        catch (ObjectDisposedException)
        {
            // Closed by shutdown after the grace period.
        }
        catch (Exception ex)
        {
            // A bug must cost one connection, never the daemon.
            logger.LogError(ex, "connection failed unexpectedly");
        }
        finally
        {
            connection.Close();
        }
    }

    private static void ShutdownReceive(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Receive);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }
    }

    private void Refuse(Transport client, int limit)
    {
        logger.LogWarning("connection refused: {Limit} connections already open", limit);
        _admission.Refused(client);
        // A TLS client would need a handshake to read the reason: it is only closed.
        if (client is SocketTransport)
        {
            var line = $"{{\"jsonrpc\":\"2.0\",\"error\":{{\"code\":-32000,\"message\":\"Too many connections: the limit is {limit}\"}},\"id\":null}}\n";
            try
            {
                client.Send(Encoding.UTF8.GetBytes(line));
            }
            catch (SocketException)
            {
                // The peer is gone already; nothing to tell it.
            }
        }
        client.Dispose();
    }

    private void LogFault(string method, Exception ex) => logger.LogError(ex, "method {Method} failed unexpectedly", method);
}
