using System.Buffers;
using System.Net.Sockets;
using Goxel.Protocol;
using Microsoft.Extensions.Logging;

namespace Goxel.Daemon.Network;

/// <summary>
/// One client connection. Served either on a thread of its own with blocking I/O on its
/// <see cref="Network.Transport"/> (the bare socket, or TLS over it: <see cref="Run"/>), or by an
/// <see cref="EventLoop"/> that runs its quick requests among other connections' and hands it to
/// a thread of its own for a request that may wait, until that is answered (<see cref="ServeOnLoop"/>).
/// Either way it frames the requests, runs them in order and writes the responses of everything
/// that arrived together in one write, each response a whole line, so a slow request only ever
/// delays its own connection. Requests run with a token that is cancelled when the peer goes away
/// (see <see cref="CheckPeer"/>) or the daemon shuts down, so abandoned work stops. An idle
/// connection holds a small read buffer; it grows while a client pipelines.
/// </summary>
internal sealed class Connection(Transport transport, RpcProcessor processor, long maxRequestBytes, TimeSpan idleTimeout, ILogger logger, Action<Connection> closed)
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
    private readonly MessageFramer _framer = new(maxRequestBytes);
    private readonly ResponseBuffer _output = new();
    // Bytes of the output already written (a write on the loop that stopped part-way).
    private int _sent;
    private readonly CancellationTokenSource _cancel = new();
    private volatile bool _busy;
    private int _closed;

    // Held while bytes are written, so the peer probe never lands inside a response.
    private readonly Lock _sending = new();
    private Action<ReadOnlyMemory<byte>>? _sendProgress;
    private bool _probed;

    // On an event loop: the loop, the socket's key there, when it last had bytes, whether the
    // peer sent its end of stream, and whether it waits there for bytes (neither being served nor
    // on a thread of its own; held while a thread of its own gives it back).
    private EventLoop? _loop;
    private int _fd;
    private long _lastActive;
    private bool _ended;
    private bool _watched;
    private readonly Lock _handover = new();

    // The loop that serves the project a request of the last round waited for: the connection
    // moves there once that round is answered.
    private EventLoop? _gatherOn;

    // Whether it uses a project loops wait for, on that project's loop: it stays there, and
    // another connection is given back to the loop it came from (EventLoop.TakeDebt).
    private bool _settled;

    /// <summary>The connection's channel (its socket, or TLS over it).</summary>
    public Transport Transport => transport;

    /// <summary>Its socket's descriptor (on an event loop).</summary>
    public int Fd => _fd;

    /// <summary>Its key in its event loop.</summary>
    public long LoopKey { get; private set; }

    private Socket Socket => transport.Socket;

    /// <summary>Serves on this thread until the peer closes the connection or the daemon shuts its reading side.</summary>
    public void Run()
    {
        Socket.ReceiveTimeout = (int)Math.Min(idleTimeout.TotalMilliseconds, int.MaxValue);
        try
        {
            while (Receive())
            {
                RunMessages();
                Flush();
            }
            Finish();
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
        {
            SayIdle();
        }
        catch (SocketException ex)
        {
            logger.LogDebug("connection closed: {Reason}", ex.Message);
        }
        finally
        {
            Close();
        }
    }

    /// <summary>Starts being served by <paramref name="loop"/> under <paramref name="key"/> (before the socket is watched).</summary>
    public void JoinLoop(EventLoop loop, long key)
    {
        (_loop, LoopKey, _fd) = (loop, key, (int)Socket.SafeHandle.DangerousGetHandle());
        Socket.Blocking = false;
        _lastActive = Environment.TickCount64;
        _watched = true;
    }

    /// <summary>
    /// On the event loop, when the socket reported: reads what arrived and runs its quick
    /// requests. True when the loop must answer it (<see cref="AnswerOnLoop"/>); false when it went
    /// to a thread of its own (a request that may wait, or the end of stream after a partial
    /// message) or closed.
    /// </summary>
    public bool ServeOnLoop()
    {
        try
        {
            _watched = false;
            _lastActive = Environment.TickCount64;
            MakeRoom();
            var n = Socket.Receive(_input.AsSpan(_end), SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock) return true;
            if (error != SocketError.Success)
            {
                Close();
                return false;
            }
            if (n == 0)
            {
                _ended = true;
                // Junk or half a message before the peer closed still gets its -32700 line, from a thread of its own.
                if (_start == _end) return true;
                ToOwnThread();
                return false;
            }
            _end += n;
            var served = RunMessages();
            // A round that waits for the disk (storage.fsync always) does not move its connection:
            // two loops on one project overlap their waits, which measured faster than one loop
            // without the contention (docs/performance.md, "Connections gather on their project's loop").
            _gatherOn = InlineRequests.TakeGathering() is EventLoop home && !Storage.GroupCommit.Owed ? home : null;
            if (InlineRequests.TakeSettled()) _settled = true;
            if (served) return true;
            ToOwnThread();
            return false;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "connection failed unexpectedly");
            Close();
            return false;
        }
    }

    /// <summary>
    /// On the event loop, once the round's journal appends are as durable as storage.fsync asks
    /// (<paramref name="durable"/>: false when that failed, and nothing may be acknowledged):
    /// writes the responses without waiting and watches the socket again: on the loop that serves
    /// the project a request of the round waited for, if that is another, or on a loop this one
    /// owes a connection. A peer that reads slower than we write is waited for on a thread of its own.
    /// </summary>
    public void AnswerOnLoop(bool durable)
    {
        try
        {
            if (!durable) Close();
            else if (!TrySend()) ToOwnThread();
            else if (_ended) Close();
            else if (_gatherOn is { } home && home != _loop)
            {
                _gatherOn = null;
                _settled = true;
                home.Gather(this, _loop!);
            }
            else if (!_settled && _loop!.TakeDebt() is { } debtor)
                debtor.TakeOver(this, _loop);
            else
            {
                _watched = true;
                _loop!.Rearm(this);
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException)
        {
            logger.LogDebug("connection closed: {Reason}", ex.Message);
            Close();
        }
    }

    /// <summary>On the event loop: true when the connection waits there and has been silent past server.idle_timeout_seconds.</summary>
    public bool IdleOnLoop(long now)
    {
        lock (_handover) return _watched && now - _lastActive >= (long)idleTimeout.TotalMilliseconds;
    }

    /// <summary>Tells an idle connection so and closes it (from its event loop).</summary>
    public void CloseIdle()
    {
        lock (_handover)
        {
            // It woke since it was found idle: it is being served.
            if (!_watched) return;
            _watched = false;
        }
        try
        {
            Socket.Blocking = true;
            Socket.SendTimeout = 1000;
            SayIdle();
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // The peer is gone too.
        }
        Close();
    }

    // Off the loop until what it deferred is answered: a request that may wait (it runs here
    // with the thread's blocking I/O), a peer that reads slowly, the end of the stream.
    private void ToOwnThread()
    {
        // The loop's journal appends so far may include this connection's: it waits for them before it answers.
        var owed = Storage.GroupCommit.Pending;
        OwnThreads.Run(() => ServeOnOwnThread(owed));
    }

    private void ServeOnOwnThread((Storage.GroupCommit?, long) owed)
    {
        try
        {
            Socket.Blocking = true;
            Storage.GroupCommit.Owe(owed);
            RunMessages();
            Flush();
            if (_ended)
            {
                Finish();
                Close();
                return;
            }
            Socket.Blocking = false;
            lock (_handover)
            {
                _lastActive = Environment.TickCount64;
                _watched = true;
                _loop!.Rearm(this);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
        {
            logger.LogDebug("connection closed: {Reason}", ex.Message);
            Close();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "connection failed unexpectedly");
            Close();
        }
    }

    /// <summary>Closes the connection once (whoever serves it now).</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return;
        _loop?.Remove(this);
        transport.Dispose();
        _cancel.Dispose();
        closed(this);
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

    /// <summary>
    /// Runs the complete messages in the input, in order (writing the responses past
    /// <see cref="FlushThreshold"/>). False on an event loop when one must run off it: it and those
    /// after it stay in the input, and so does a long output, for a thread of its own.
    /// </summary>
    private bool RunMessages()
    {
        var pending = new ReadOnlySequence<byte>(_input, _start, _end - _start);
        while (true)
        {
            var rest = pending;
            // A small request at the front is read and run in place; anything else is framed first.
            var taken = _framer.Idle ? TryProcess(pending, front: true) : 0;
            if (taken > 0) pending = pending.Slice(taken);
            else if (taken == 0)
            {
                if (!_framer.TryRead(ref pending, out var message, out var frame)) break;
                if (frame == Frame.Oversize) _output.Append(RpcProcessor.OversizeLine);
                else taken = TryProcess(message, front: false);
            }
            if (taken < 0)
            {
                _start = _end - (int)rest.Length;
                return false;
            }
            if (_output.Length < FlushThreshold) continue;
            if (InlineRequests.Active)
            {
                _start = _end - (int)pending.Length;
                return false;
            }
            Flush();
        }
        _start = _end - (int)pending.Length;
        return true;
    }

    // Junk or half a message before the peer closed still gets its -32700 line.
    private void Finish()
    {
        var rest = new ReadOnlySequence<byte>(_input, _start, _end - _start);
        _start = _end;
        if (!_framer.TryComplete(ref rest, out var last)) return;
        TryProcess(last, front: false);
        Flush();
    }

    /// <summary>
    /// Runs a framed <paramref name="message"/>, or with <paramref name="front"/> the request at the
    /// front of the input if it is read in place (<see cref="RpcProcessor.ProcessFront"/>). Returns
    /// the bytes taken (0: none was at the front), or -1 when the request was deferred off the
    /// event loop (nothing of it was written).
    /// </summary>
    private int TryProcess(ReadOnlySequence<byte> message, bool front)
    {
        var mark = _output.Length;
        _busy = true;
        try
        {
            // Never past server.max_request_bytes: a longer request is the framer's to refuse.
            if (front) return processor.ProcessFront(message.First[..(int)Math.Min(message.First.Length, _framer.MaxMessageBytes)], _output, _cancel.Token, _sendProgress ??= SendProgress);
            processor.Process(message, _output, _cancel.Token, _sendProgress ??= SendProgress);
            return (int)message.Length;
        }
        catch (RequestDeferredException)
        {
            _output.Truncate(mark);
            return -1;
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

    /// <summary>Reads more bytes after the unconsumed ones, waiting for them; false at end of stream.</summary>
    private bool Receive()
    {
        MakeRoom();
        var n = transport.Receive(_input.AsSpan(_end));
        _end += n;
        return n > 0;
    }

    // Room after the unconsumed bytes for the next read.
    private void MakeRoom()
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
    }

    // Silent past server.idle_timeout_seconds: say so, so the client knows it was not an error of its own.
    private void SayIdle()
    {
        logger.LogInformation("closing a connection idle for {Seconds} s", idleTimeout.TotalSeconds);
        _output.Append(IdleLine(idleTimeout));
        try
        {
            Flush();
        }
        catch (SocketException)
        {
            // The peer is gone too.
        }
    }

    private static byte[] IdleLine(TimeSpan idleTimeout) => System.Text.Encoding.UTF8.GetBytes(
        $"{{\"jsonrpc\":\"2.0\",\"error\":{{\"code\":-32000,\"message\":\"Idle timeout: no request for {idleTimeout.TotalSeconds:0} s (server.idle_timeout_seconds); closing the connection\"}},\"id\":null}}\n");

    // Writes the pending responses, waiting as long as it takes.
    private void Flush()
    {
        if (_output.Length == 0) return;
        // With storage.fsync always, nothing is acknowledged before its journal record is on disk.
        if (!Storage.GroupCommit.AwaitThisThread()) throw new SocketException((int)SocketError.ConnectionAborted);
        lock (_sending) transport.Send(_output.Written.Span[_sent..]);
        _output.Clear();
        _sent = 0;
    }

    // On the event loop: writes what the socket takes now; false when some is left.
    private bool TrySend()
    {
        lock (_sending)
        {
            while (_sent < _output.Length)
            {
                var n = Socket.Send(_output.Written.Span[_sent..], SocketFlags.None, out var error);
                if (error == SocketError.WouldBlock) return false;
                if (error != SocketError.Success) throw new SocketException((int)error);
                _sent += n;
            }
        }
        _output.Clear();
        _sent = 0;
        return true;
    }
}
