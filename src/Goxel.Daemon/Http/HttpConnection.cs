using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Goxel.Daemon.Http;

/// <summary>
/// One HTTP/1.1 connection of a small server of our own (the live viewer's): reads request heads
/// into a fixed buffer, hands each request to the handler as an <see cref="HttpExchange"/>, and
/// keeps the connection for the next one unless the client or the answer closes it. Bounded: a
/// head over <see cref="MaxHead"/> gets 431, a body over <see cref="MaxBody"/> 413; a head must
/// arrive within <see cref="HeadTimeout"/>, the next request on an idle connection within
/// <see cref="IdleTimeout"/>, and every read of a body or write of an answer makes progress within
/// <see cref="HeadTimeout"/>. Errors end the connection and are logged, never thrown.
/// </summary>
internal sealed class HttpConnection
{
    /// <summary>Longest request head (request line and fields).</summary>
    public const int MaxHead = 16 << 10;

    /// <summary>Longest request body; a handler may take less.</summary>
    public const long MaxBody = 1 << 20;

    /// <summary>Time for a whole request head, and for each read of a body or write of an answer to make progress.</summary>
    public static readonly TimeSpan HeadTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long a kept-alive connection may wait for its next request.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(120);

    // How long a closing connection reads what the client still sends, so that closing with unread
    // data (which resets the connection) cannot destroy the answer before the client reads it.
    private static readonly TimeSpan LingerTimeout = TimeSpan.FromSeconds(1);

    private const int WriteChunk = 64 << 10;

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly Func<HttpExchange, Task> _handler;
    private readonly ILogger _logger;
    private readonly CancellationToken _stopping;
    private readonly CancellationTokenSource _io;
    private readonly byte[] _buffer = new byte[MaxHead];
    private readonly string _peer;
    private int _start;
    private int _end;
    private long _bodyLeft;
    private HttpExchange? _exchange;

    /// <summary>A connection on an accepted <paramref name="socket"/>; <paramref name="stopping"/> (server shutdown) ends it.</summary>
    public HttpConnection(Socket socket, Func<HttpExchange, Task> handler, ILogger logger, CancellationToken stopping)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _handler = handler;
        _logger = logger;
        _stopping = stopping;
        _io = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _peer = socket.RemoteEndPoint?.ToString() ?? "?";
    }

    /// <summary>The connection's stream, for a WebSocket once the upgrade is answered.</summary>
    internal Stream Stream => _stream;

    /// <summary>Bytes received beyond the current request's head and body.</summary>
    internal bool HasUnreadBytes => _end > _start + _bodyLeft;

    /// <summary>Serves requests until the client closes, a timeout, an error or shutdown; then closes.</summary>
    public async Task RunAsync()
    {
        try
        {
            try
            {
                await ServeAsync();
            }
            catch (BadRequestException ex) when (_exchange?.HasResponded != true)
            {
                _logger.LogDebug("viewer: {Peer}: {Status} {Reason}", _peer, ex.Status, ex.Message);
                await AnswerAsync(ex.Status, ex.Message);
            }
        }
        catch (Exception ex) when (ex is ConnectionLostException or BadRequestException or OperationCanceledException)
        {
            _logger.LogDebug("viewer: connection from {Peer} ended: {Reason}", _peer, ex.Message);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "viewer: connection from {Peer} failed", _peer);
        }
        await CloseAsync();
    }

    /// <summary>Answers <paramref name="status"/> with <paramref name="message"/> without reading a request, and closes.</summary>
    public async Task RefuseAsync(int status, string message)
    {
        await AnswerAsync(status, message);
        await CloseAsync();
    }

    // A plain-text answer that closes the connection; a client gone already is only logged.
    private async Task AnswerAsync(int status, string message)
    {
        try
        {
            var body = HttpExchange.TextBody(message);
            await WriteAsync(HttpResponseHead.Format(status, HttpResponseHead.PlainText, body.Length, close: true));
            await WriteAsync(body);
        }
        catch (Exception ex) when (ex is ConnectionLostException or OperationCanceledException)
        {
            _logger.LogDebug("viewer: {Peer} did not take its {Status}: {Reason}", _peer, status, ex.Message);
        }
    }

    /// <summary>Drops the connection now (shutdown past its grace): what it was doing fails as a lost connection.</summary>
    public void Abort() => _stream.Dispose();

    private async Task ServeAsync()
    {
        // Answers go out as written: a head and its body are two writes.
        _socket.NoDelay = true;
        var wait = HeadTimeout;
        while (await ReadHeadAsync(wait) is { } head)
        {
            wait = IdleTimeout;
            if (head.ContentLength > MaxBody) throw new BadRequestException(413, $"request bodies are limited to {MaxBody >> 20} MiB");
            _bodyLeft = head.ContentLength;
            _exchange = new HttpExchange(this, head, _stopping);
            await _handler(_exchange);
            if (!_exchange.HasResponded) throw new InvalidOperationException($"no answer to {head.Method} {head.Path}");
            if (_exchange.Upgraded || !_exchange.KeepsAlive) return;
            await ConsumeBodyAsync(null);
            _exchange = null;
        }
    }

    // The next request head, or null when the client closed between requests. Empty lines before
    // a request line are skipped (RFC 9112 2.2); the head's bytes must all arrive within HeadTimeout.
    private async Task<HttpRequestHead?> ReadHeadAsync(TimeSpan wait)
    {
        var deadline = (DateTime?)null;
        while (true)
        {
            while (_start < _end && _buffer[_start] is (byte)'\r' or (byte)'\n') _start++;
            var buffered = _buffer.AsSpan(_start, _end - _start);
            if (HttpRequestHead.Length(buffered) is var length and > 0)
            {
                var head = HttpRequestHead.Parse(buffered[..length]);
                _start += length;
                return head;
            }
            buffered.CopyTo(_buffer);
            (_start, _end) = (0, buffered.Length);
            if (_end == _buffer.Length) throw new BadRequestException(431, $"request heads are limited to {MaxHead >> 10} KiB");
            if (_end > 0) deadline ??= DateTime.UtcNow + HeadTimeout;
            var read = await ReadAsync(_buffer.AsMemory(_end), deadline is { } due ? Max(due - DateTime.UtcNow, TimeSpan.Zero) : wait);
            if (read == 0) return _end == 0 ? null : throw new ConnectionLostException("closed in the middle of a request head");
            _end += read;
        }
    }

    /// <summary>The request body (Content-Length bytes), after "100 Continue" when the client waits for it.</summary>
    internal async Task<byte[]> ReadBodyAsync(HttpRequestHead head)
    {
        if (head.ExpectsContinue && _bodyLeft > 0) await WriteAsync(HttpResponseHead.Format(100, null, null, close: false));
        var body = new byte[_bodyLeft];
        await ConsumeBodyAsync(body);
        return body;
    }

    // Reads the rest of the request body through the buffer: into `into` when given, else discarded.
    private async Task ConsumeBodyAsync(byte[]? into)
    {
        var done = 0;
        while (_bodyLeft > 0)
        {
            if (_start == _end)
            {
                (_start, _end) = (0, 0);
                _end = await ReadAsync(_buffer, HeadTimeout);
                if (_end == 0) throw new ConnectionLostException("closed in the middle of a request body");
            }
            var take = (int)Math.Min(_bodyLeft, _end - _start);
            if (into is not null) _buffer.AsSpan(_start, take).CopyTo(into.AsSpan(done));
            (done, _start, _bodyLeft) = (done + take, _start + take, _bodyLeft - take);
        }
    }

    /// <summary>Sends <paramref name="bytes"/>, each chunk within <see cref="HeadTimeout"/>.</summary>
    internal async Task WriteAsync(ReadOnlyMemory<byte> bytes)
    {
        for (var at = 0; at < bytes.Length; at += WriteChunk)
        {
            _io.CancelAfter(HeadTimeout);
            try
            {
                await _stream.WriteAsync(bytes.Slice(at, Math.Min(WriteChunk, bytes.Length - at)), _io.Token);
            }
            catch (Exception ex) when (Lost(ex))
            {
                throw new ConnectionLostException(Reason(ex), ex);
            }
            finally
            {
                _io.CancelAfter(Timeout.InfiniteTimeSpan);
            }
        }
    }

    private async Task<int> ReadAsync(Memory<byte> into, TimeSpan within)
    {
        _io.CancelAfter(within);
        try
        {
            return await _stream.ReadAsync(into, _io.Token);
        }
        catch (Exception ex) when (Lost(ex))
        {
            throw new ConnectionLostException(Reason(ex), ex);
        }
        finally
        {
            _io.CancelAfter(Timeout.InfiniteTimeSpan);
        }
    }

    // A timeout, a reset or a socket disposed at shutdown; a cancellation by shutdown stays one.
    private bool Lost(Exception ex) =>
        ex is IOException or SocketException or ObjectDisposedException || (ex is OperationCanceledException && !_stopping.IsCancellationRequested);

    private static string Reason(Exception ex) => ex is OperationCanceledException ? "timed out" : ex.Message;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    // Half-closes, reads what the client still sends for a moment, then closes (not at shutdown).
    private async Task CloseAsync()
    {
        try
        {
            if (!_stopping.IsCancellationRequested)
            {
                _socket.Shutdown(SocketShutdown.Send);
                _io.CancelAfter(LingerTimeout);
                var discarded = 0L;
                int read;
                while (discarded < MaxBody && (read = await _stream.ReadAsync(_buffer, _io.Token)) > 0) discarded += read;
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Gone already, or still sending after the linger: closed either way.
        }
        _stream.Dispose();
        _io.Dispose();
    }
}
