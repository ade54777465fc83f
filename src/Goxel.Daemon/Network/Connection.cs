using System.Buffers;
using System.Net.Sockets;
using Goxel.Protocol;
using Microsoft.Extensions.Logging;

namespace Goxel.Daemon.Network;

/// <summary>
/// One client connection, served on a thread of its own with blocking I/O on its
/// <see cref="Network.Transport"/> (the bare socket, or TLS over it): the thread wakes
/// as soon as bytes arrive (no hop through the thread pool), frames the requests, runs them
/// in order and writes the responses of everything that arrived together in one write, each
/// response a whole line. A slow request only ever delays its own connection. Requests run
/// with a token that is cancelled when the peer goes away (see <see cref="CheckPeer"/>) or the
/// daemon shuts down, so abandoned work stops. An idle connection holds a small read buffer;
/// it grows while a client pipelines.
/// </summary>
internal sealed class Connection(Transport transport, RpcProcessor processor, long maxRequestBytes, TimeSpan idleTimeout, ILogger logger)
{
    // Small, so a thousand idle connections cost little; reads that fill it double it up to
    // ReadAhead, so a pipelining client is still read 64 KiB at a time.
    private const int InitialBuffer = 1024;
    private const int ReadAhead = 64 * 1024;

    // Past this much pending output, write before running more requests, so a long pipeline
    // does not grow the buffer without bound.
    private const int FlushThreshold = 1 << 20;

    private byte[] _input = new byte[InitialBuffer];
    private int _start;
    private int _end;
    private readonly CancellationTokenSource _cancel = new();
    private volatile bool _busy;

    // Held while bytes are written, so the peer probe never lands inside a response.
    private readonly Lock _sending = new();
    private Action<ReadOnlyMemory<byte>>? _sendProgress;
    private bool _probed;

    /// <summary>The connection's channel (its socket, or TLS over it).</summary>
    public Transport Transport => transport;

    private Socket Socket => transport.Socket;

    /// <summary>Serves until the peer closes the connection or the daemon shuts its reading side.</summary>
    public void Run()
    {
        var framer = new MessageFramer(maxRequestBytes);
        var output = new ResponseBuffer();
        Socket.ReceiveTimeout = (int)Math.Min(idleTimeout.TotalMilliseconds, int.MaxValue);
        try
        {
            while (Receive())
            {
                var pending = new ReadOnlySequence<byte>(_input, _start, _end - _start);
                while (framer.TryRead(ref pending, out var message, out var frame))
                {
                    if (frame == Frame.Oversize) output.Append(RpcProcessor.OversizeLine);
                    else Process(message, output);
                    if (output.Length >= FlushThreshold) Flush(output);
                }
                _start = _end - (int)pending.Length;
                Flush(output);
            }
            // Junk or half a message before the peer closed still gets its -32700 line.
            var rest = new ReadOnlySequence<byte>(_input, _start, _end - _start);
            if (framer.TryComplete(ref rest, out var last))
            {
                Process(last, output);
                Flush(output);
            }
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
        {
            // Silent past server.idle_timeout_seconds: say so, so the client knows it was not an error of its own.
            logger.LogInformation("closing a connection idle for {Seconds} s", idleTimeout.TotalSeconds);
            output.Append(IdleLine(idleTimeout));
            TrySend(output);
        }
        catch (SocketException ex)
        {
            logger.LogDebug("connection closed: {Reason}", ex.Message);
        }
        finally
        {
            transport.Dispose();
            _cancel.Dispose();
        }
    }

    /// <summary>Cancels the request running now and every later one (shutdown).</summary>
    public void Cancel()
    {
        try
        {
            _cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The connection has ended already.
        }
    }

    /// <summary>
    /// While a request runs, cancels it if the peer has gone (checked from a timer). A TCP peer
    /// that sent its end of stream may have closed or only half-closed: it is sent one space,
    /// which a closed peer answers with a reset (seen as gone at the next check) and a
    /// half-closed one reads as whitespace before its next response.
    /// </summary>
    public void CheckPeer()
    {
        if (!_busy) return;
        switch (PeerState.Of(Socket))
        {
            case Peer.Gone:
                Cancel();
                break;
            case Peer.Finished when !_probed && Socket.ProtocolType == ProtocolType.Tcp:
                _probed = true;
                // On the pool: a write may block (a full send buffer), and the timer serves every connection.
                ThreadPool.UnsafeQueueUserWorkItem(static connection => connection.Probe(), this, preferLocal: false);
                break;
        }
    }

    private void Probe()
    {
        lock (_sending)
        {
            try
            {
                transport.Send(" "u8);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                Cancel();
            }
        }
    }

    private void Process(ReadOnlySequence<byte> message, ResponseBuffer output)
    {
        _busy = true;
        try
        {
            processor.Process(message, output, _cancel.Token, _sendProgress ??= SendProgress);
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>
    /// Sends a progress notification while its request runs. Responses of earlier requests may
    /// still be waiting in the output (they leave together, after the request): a notification
    /// is not an answer, and it names its request's id.
    /// </summary>
    private void SendProgress(ReadOnlyMemory<byte> line)
    {
        try
        {
            lock (_sending) transport.Send(line.Span);
        }
        catch (SocketException)
        {
            // The peer is gone: the request is cancelled at its next check.
        }
    }

    /// <summary>Reads more bytes after the unconsumed ones; false at end of stream.</summary>
    private bool Receive()
    {
        if (_start == _end)
        {
            _start = _end = 0;
            // A huge request is over: give its buffer back.
            if (_input.Length > FlushThreshold) _input = new byte[InitialBuffer];
        }
        else if (_end == _input.Length)
        {
            var kept = _end - _start;
            if (kept * 2 > _input.Length || _input.Length < ReadAhead) Array.Resize(ref _input, _input.Length * 2);
            if (_start > 0)
            {
                Buffer.BlockCopy(_input, _start, _input, 0, kept);
                _start = 0;
                _end = kept;
            }
        }
        var n = transport.Receive(_input.AsSpan(_end));
        _end += n;
        return n > 0;
    }

    private static byte[] IdleLine(TimeSpan idleTimeout) => System.Text.Encoding.UTF8.GetBytes(
        $"{{\"jsonrpc\":\"2.0\",\"error\":{{\"code\":-32000,\"message\":\"Idle timeout: no request for {idleTimeout.TotalSeconds:0} s (server.idle_timeout_seconds); closing the connection\"}},\"id\":null}}\n");

    private void TrySend(ResponseBuffer output)
    {
        try
        {
            Flush(output);
        }
        catch (SocketException)
        {
            // The peer is gone too.
        }
    }

    private void Flush(ResponseBuffer output)
    {
        if (output.Length == 0) return;
        // With storage.fsync always, nothing is acknowledged before its journal record is on disk.
        if (!Storage.GroupCommit.AwaitThisThread()) throw new SocketException((int)SocketError.ConnectionAborted);
        lock (_sending) transport.Send(output.Written.Span);
        output.Clear();
    }
}
