using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Channels;

namespace Goxel.Client;

/// <summary>
/// One open socket speaking newline-delimited JSON-RPC 2.0: many calls in flight, matched by id.
/// A single writer task drains every request queued so far into one socket write, because with
/// thousands of pipelined calls a write per call costs more than the call.
/// </summary>
internal sealed class RpcConnection
{
    private const int MaxCoalescedBytes = 256 * 1024;

    private readonly Socket _socket;
    // TLS over _socket when the options ask for it; null on a plain socket.
    private readonly SslStream? _tls;
    private readonly Lock _gate = new();
    private readonly Dictionary<long, PendingCall> _pending = [];
    private readonly Channel<byte[]> _outgoing = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Action<RpcConnection, GoxelConnectionException> _onClosed;
    private readonly TaskCompletionSource _closedSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ArrayBufferWriter<byte> _requestBuffer = new(256);
    private readonly Utf8JsonWriter _requestWriter;
    private readonly TimeSpan _timeout;
    private readonly Queue<(long Id, long Deadline)> _deadlines = new();
    private readonly ITimer _sweepTimer;
    private bool _sweepArmed;
    private GoxelConnectionException? _closedError;
    private long _nextId;

    private RpcConnection(Socket socket, SslStream? tls, long firstId, TimeSpan timeout, Action<RpcConnection, GoxelConnectionException> onClosed)
    {
        _socket = socket;
        _tls = tls;
        _nextId = firstId;
        _timeout = timeout;
        _onClosed = onClosed;
        _requestWriter = new Utf8JsonWriter(_requestBuffer);
        // Every call shares the connection's timeout, so deadlines grow in send order: one timer
        // sweeping the oldest replaces a timer per call, a large share of a pipelined call's cost.
        _sweepTimer = TimeProvider.System.CreateTimer(_ => Sweep(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _ = Task.Run(WriteLoopAsync);
        _ = Task.Run(ReadLoopAsync);
    }

    /// <summary>True once the socket closed.</summary>
    public bool IsClosed => Volatile.Read(ref _closedError) is not null;

    /// <summary>The id the next call would get (carried over on reconnect so late answers never match).</summary>
    public long NextId => Interlocked.Read(ref _nextId);

    /// <summary>Calls waiting for an answer.</summary>
    public int InFlight
    {
        get
        {
            lock (_gate) return _pending.Count;
        }
    }

    /// <summary>Connects a socket to the endpoint.</summary>
    public static async Task<RpcConnection> OpenAsync(GoxelDaemonClientOptions options, long firstId,
        Action<RpcConnection, GoxelConnectionException> onClosed, CancellationToken cancellationToken)
    {
        Socket socket;
        SslStream? tls = null;
        EndPoint endPoint;
        if (options.TcpHost is { } host)
        {
            socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            endPoint = new DnsEndPoint(host, options.TcpPort);
        }
        else
        {
            socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            endPoint = new UnixDomainSocketEndPoint(options.SocketPath);
        }
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (options.Timeout != Timeout.InfiniteTimeSpan) timeout.CancelAfter(options.Timeout);
            await socket.ConnectAsync(endPoint, timeout.Token).ConfigureAwait(false);
            if (options.TcpHost is { } tcpHost)
            {
                if (options.Tls) tls = await StartTlsAsync(socket, tcpHost, options, timeout.Token).ConfigureAwait(false);
                await AuthenticateAsync(socket, tls, options, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is SocketException or IOException or System.Security.Authentication.AuthenticationException or CryptographicException
            or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            tls?.Dispose();
            socket.Dispose();
            throw new GoxelConnectionException($"cannot connect to {options.Endpoint}: {e.Message}", e);
        }
        catch (GoxelConnectionException)
        {
            tls?.Dispose();
            socket.Dispose();
            throw;
        }
        return new RpcConnection(socket, tls, firstId, options.Timeout, onClosed);
    }

    /// <summary>
    /// The daemon's TCP handshake: the first message is an auth call with the shared token
    /// (options, else $GOXEL_TOKEN). Its answer is read byte by byte, so nothing after it is
    /// taken from the connection's reader.
    /// </summary>
    private static async Task AuthenticateAsync(Socket socket, SslStream? tls, GoxelDaemonClientOptions options, CancellationToken cancellationToken)
    {
        var token = options.Token ?? Environment.GetEnvironmentVariable("GOXEL_TOKEN");
        if (string.IsNullOrEmpty(token))
            throw new GoxelConnectionException($"cannot connect to {options.Endpoint}: the daemon's TCP port needs a token (Token option or GOXEL_TOKEN)");
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc"u8, "2.0"u8);
            writer.WriteString("method"u8, "auth"u8);
            writer.WriteStartObject("params"u8);
            writer.WriteString("token"u8, token);
            writer.WriteEndObject();
            writer.WriteNumber("id"u8, 0);
            writer.WriteEndObject();
        }
        buffer.Write("\n"u8);
        await SendAsync(socket, tls, buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        var line = new List<byte>();
        var one = new byte[1];
        while (line.Count < 64 * 1024)
        {
            if (await ReceiveAsync(socket, tls, one, cancellationToken).ConfigureAwait(false) == 0 || one[0] == (byte)'\n') break;
            line.Add(one[0]);
        }
        try
        {
            using var answer = JsonDocument.Parse(line.ToArray());
            if (answer.RootElement.TryGetProperty("result", out _)) return;
            var message = answer.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("message", out var text) ? text.GetString() : "no answer";
            throw new GoxelConnectionException($"cannot connect to {options.Endpoint}: authentication failed: {message}");
        }
        catch (JsonException)
        {
            throw new GoxelConnectionException($"cannot connect to {options.Endpoint}: the daemon did not answer the authentication");
        }
    }

    /// <summary>
    /// Queues one call; the task completes with its result, deserialized on the receiving thread
    /// straight from the answer's bytes, or faults with its error.
    /// </summary>
    public (long Id, Task<T> Answer) Send<T>(string method, Action<Utf8JsonWriter>? writeParams, JsonTypeInfo<T> resultType)
    {
        var pending = new PendingCall<T>(method, resultType);
        long id;
        lock (_gate)
        {
            if (_closedError is { } closed) return (0, Task.FromException<T>(closed));
            id = _nextId++;
            // Queued under the lock so the wire order equals the id order (see Settle).
            if (!_outgoing.Writer.TryWrite(Serialize(id, method, writeParams)))
                return (0, Task.FromException<T>(new GoxelConnectionException($"{method}: the connection is closing")));
            _pending.Add(id, pending);
            TrackDeadline(id);
        }
        return (id, pending.Completion.Task);
    }

    /// <summary>
    /// Sends a JSON-RPC batch (one array). Each call gets its own task; a notification's task
    /// completes at once with an undefined element.
    /// </summary>
    public Task<JsonElement>[] SendBatch(IReadOnlyList<RpcBatchCall> calls)
    {
        var answers = new Task<JsonElement>[calls.Count];
        lock (_gate)
        {
            if (_closedError is { } closed)
            {
                Array.Fill(answers, Task.FromException<JsonElement>(closed));
                return answers;
            }
            var ids = new long?[calls.Count];
            var parts = new List<byte[]>(calls.Count);
            for (var i = 0; i < calls.Count; i++)
            {
                ids[i] = calls[i].Notification ? null : _nextId++;
                var part = Serialize(ids[i], calls[i].Method, calls[i].Parameters is { } p ? w => p.WriteTo(w) : null);
                parts.Add(part.AsSpan(0, part.Length - 1).ToArray());
            }
            var bytes = new byte[parts.Sum(p => p.Length) + parts.Count + 2];
            var at = 0;
            bytes[at++] = (byte)'[';
            for (var i = 0; i < parts.Count; i++)
            {
                if (i > 0) bytes[at++] = (byte)',';
                parts[i].CopyTo(bytes, at);
                at += parts[i].Length;
            }
            bytes[at++] = (byte)']';
            bytes[at] = (byte)'\n';
            if (!_outgoing.Writer.TryWrite(bytes))
            {
                Array.Fill(answers, Task.FromException<JsonElement>(new GoxelConnectionException("batch: the connection is closing")));
                return answers;
            }
            for (var i = 0; i < calls.Count; i++)
            {
                if (ids[i] is not { } id)
                {
                    answers[i] = Task.FromResult(default(JsonElement));
                    continue;
                }
                var pending = new PendingCall<JsonElement>(calls[i].Method, ClientJsonContext.Default.JsonElement);
                _pending.Add(id, pending);
                TrackDeadline(id);
                answers[i] = pending.Completion.Task;
            }
        }
        return answers;
    }

    /// <summary>Sends a notification: no id, no answer.</summary>
    public void Notify(string method, Action<Utf8JsonWriter>? writeParams)
    {
        lock (_gate)
        {
            if (_closedError is { } closed) throw closed;
            if (!_outgoing.Writer.TryWrite(Serialize(null, method, writeParams)))
                throw new GoxelConnectionException($"{method}: the connection is closing");
        }
    }

    /// <summary>Stops waiting for a call (timed out or cancelled); a late answer is ignored.</summary>
    public void Forget(long id)
    {
        lock (_gate) _pending.Remove(id);
    }

    /// <summary>Half-closes: the daemon answers what it received, then closes. Waits up to <paramref name="grace"/>.</summary>
    public async Task CloseGracefullyAsync(TimeSpan grace)
    {
        _outgoing.Writer.TryComplete();
        await _closedSignal.Task.WaitAsync(grace).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        Abort();
    }

    /// <summary>Closes at once; calls in flight fail with <see cref="GoxelConnectionException"/>.</summary>
    public void Abort()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already gone.
        }
        catch (ObjectDisposedException)
        {
            // Already gone.
        }
        _socket.Dispose();
    }

    /// <summary>Runs with <see cref="_gate"/> held, which is what makes reusing one writer safe.</summary>
    private byte[] Serialize(long? id, string method, Action<Utf8JsonWriter>? writeParams)
    {
        _requestBuffer.ResetWrittenCount();
        var writer = _requestWriter;
        writer.Reset();
        writer.WriteStartObject();
        writer.WriteString("jsonrpc"u8, "2.0"u8);
        writer.WriteString("method"u8, method);
        if (writeParams is not null)
        {
            writer.WritePropertyName("params"u8);
            writeParams(writer);
        }
        if (id is { } value) writer.WriteNumber("id"u8, value);
        writer.WriteEndObject();
        writer.Flush();
        var bytes = new byte[_requestBuffer.WrittenCount + 1];
        _requestBuffer.WrittenSpan.CopyTo(bytes);
        bytes[^1] = (byte)'\n';
        return bytes;
    }

    /// <summary>Runs with <see cref="_gate"/> held.</summary>
    private void TrackDeadline(long id)
    {
        if (_timeout == Timeout.InfiniteTimeSpan) return;
        // Answers arrive in order, so answered calls gather at the head: drop them as we go.
        while (_deadlines.TryPeek(out var head) && !_pending.ContainsKey(head.Id)) _deadlines.Dequeue();
        _deadlines.Enqueue((id, Stopwatch.GetTimestamp() + (long)(_timeout.TotalSeconds * Stopwatch.Frequency)));
        if (!_sweepArmed)
        {
            _sweepArmed = true;
            _sweepTimer.Change(_timeout, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Fails the calls whose deadline passed, then sleeps until the next deadline.</summary>
    private void Sweep()
    {
        var expired = new List<PendingCall>();
        lock (_gate)
        {
            _sweepArmed = false;
            var now = Stopwatch.GetTimestamp();
            while (_deadlines.TryPeek(out var head))
            {
                if (!_pending.ContainsKey(head.Id))
                {
                    _deadlines.Dequeue();
                    continue;
                }
                if (head.Deadline > now)
                {
                    _sweepArmed = true;
                    _sweepTimer.Change(Stopwatch.GetElapsedTime(now, head.Deadline), Timeout.InfiniteTimeSpan);
                    break;
                }
                _deadlines.Dequeue();
                _pending.Remove(head.Id, out var call);
                expired.Add(call!);
            }
        }
        foreach (var call in expired) call.Fail(new GoxelTimeoutException(call.Method, _timeout));
    }

    private async Task WriteLoopAsync()
    {
        var reader = _outgoing.Reader;
        var batch = new byte[MaxCoalescedBytes];
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                var used = 0;
                while (used < batch.Length && reader.TryPeek(out var next))
                {
                    if (next.Length > batch.Length - used)
                    {
                        if (used > 0) break;
                        reader.TryRead(out _);
                        await SendAllAsync(next).ConfigureAwait(false);
                        continue;
                    }
                    reader.TryRead(out _);
                    next.CopyTo(batch, used);
                    used += next.Length;
                }
                if (used > 0) await SendAllAsync(batch.AsMemory(0, used)).ConfigureAwait(false);
            }
            if (_tls is not null) await _tls.ShutdownAsync().ConfigureAwait(false);
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            Close(new GoxelConnectionException($"connection lost: {e.Message}", e));
        }
    }

    private Task SendAllAsync(ReadOnlyMemory<byte> data) => SendAsync(_socket, _tls, data, CancellationToken.None);

    private static async Task SendAsync(Socket socket, SslStream? tls, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (tls is not null)
        {
            await tls.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            return;
        }
        while (!data.IsEmpty)
        {
            var sent = await socket.SendAsync(data, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            data = data[sent..];
        }
    }

    private static ValueTask<int> ReceiveAsync(Socket socket, SslStream? tls, Memory<byte> buffer, CancellationToken cancellationToken) =>
        tls is null ? socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken) : tls.ReadAsync(buffer, cancellationToken);

    /// <summary>The TLS handshake, trusting the certificates of <see cref="GoxelDaemonClientOptions.TlsCaFile"/> when given.</summary>
    private static async Task<SslStream> StartTlsAsync(Socket socket, string host, GoxelDaemonClientOptions options, CancellationToken cancellationToken)
    {
        var tls = new SslStream(new NetworkStream(socket, ownsSocket: false));
        var authentication = new SslClientAuthenticationOptions { TargetHost = host };
        if (options.TlsCaFile is { } caFile)
        {
            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            policy.CustomTrustStore.ImportFromPemFile(caFile);
            authentication.CertificateChainPolicy = policy;
        }
        try
        {
            await tls.AuthenticateAsClientAsync(authentication, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return tls;
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        int start = 0, end = 0;
        GoxelConnectionException reason;
        try
        {
            while (true)
            {
                if (end == buffer.Length)
                {
                    if (start > 0)
                    {
                        buffer.AsSpan(start, end - start).CopyTo(buffer);
                        end -= start;
                        start = 0;
                    }
                    else
                    {
                        Array.Resize(ref buffer, buffer.Length * 2);
                    }
                }
                var read = await ReceiveAsync(_socket, _tls, buffer.AsMemory(end), CancellationToken.None).ConfigureAwait(false);
                if (read == 0)
                {
                    reason = new GoxelConnectionException("connection closed");
                    break;
                }
                end += read;
                int newline;
                while ((newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n')) >= 0)
                {
                    ReceiveLine(buffer.AsSpan(start, newline));
                    start += newline + 1;
                }
                if (start == end) start = end = 0;
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException or JsonException)
        {
            reason = new GoxelConnectionException($"connection lost: {e.Message}", e);
        }
        Close(reason);
    }

    private void ReceiveLine(ReadOnlySpan<byte> line)
    {
        line = line.TrimEnd((byte)'\r');
        if (line.IsEmpty) return;
        var reader = new Utf8JsonReader(line);
        if (!reader.Read()) return;
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject) Settle(line, ref reader);
        }
        else if (reader.TokenType == JsonTokenType.StartObject)
        {
            Settle(line, ref reader);
        }
    }

    /// <summary>
    /// Reads one response object (the reader is on its StartObject) without building a DOM: the
    /// id, the error, and where the result's bytes are, which the pending call deserializes.
    /// </summary>
    private void Settle(ReadOnlySpan<byte> line, ref Utf8JsonReader reader)
    {
        long? id = null;
        var idIsNull = false;
        Range result = default;
        var hasResult = false;
        GoxelRpcError? error = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var n)) id = n;
                idIsNull = reader.TokenType == JsonTokenType.Null;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("result"u8))
            {
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                result = start..(int)reader.BytesConsumed;
                hasResult = true;
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                error = ReadError(line, ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        PendingCall? call;
        lock (_gate)
        {
            long key;
            if (id is { } value) key = value;
            // An error with id null (an oversized request) answers the oldest call still
            // waiting: the daemon answers each connection in order and ids grow in wire order.
            else if (idIsNull && error is not null && _pending.Count > 0) key = _pending.Keys.Min();
            else return;
            if (!_pending.Remove(key, out call)) return;
        }
        if (error is { } e) call.Fail(new GoxelRpcException(call.Method, e.Code, e.Message, e.Data));
        else call.Complete(hasResult ? line[result] : default);
    }

    private static GoxelRpcError ReadError(ReadOnlySpan<byte> line, ref Utf8JsonReader reader)
    {
        var error = new GoxelRpcError(0, "", null);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return error;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("code"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var code)) error = error with { Code = code };
                reader.Skip();
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String) error = error with { Message = reader.GetString() ?? "" };
                reader.Skip();
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                error = error with { Data = Encoding.UTF8.GetString(line[start..(int)reader.BytesConsumed]) };
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return error;
    }

    private void Close(GoxelConnectionException reason)
    {
        PendingCall[] failed;
        lock (_gate)
        {
            if (_closedError is not null) return;
            _closedError = reason;
            failed = [.. _pending.Values];
            _pending.Clear();
            _deadlines.Clear();
            _sweepTimer.Dispose();
            _outgoing.Writer.TryComplete();
        }
        _tls?.Dispose();
        _socket.Dispose();
        foreach (var call in failed) call.Fail(reason);
        _closedSignal.TrySetResult();
        _onClosed(this, reason);
    }

    private readonly record struct GoxelRpcError(int Code, string Message, string? Data);

    /// <summary>A call waiting for its answer.</summary>
    private abstract class PendingCall(string method)
    {
        public string Method { get; } = method;

        /// <summary>Completes with the result's JSON (empty when the answer had no result member).</summary>
        public abstract void Complete(ReadOnlySpan<byte> resultJson);

        public abstract void Fail(Exception error);
    }

    private sealed class PendingCall<T>(string method, JsonTypeInfo<T> resultType) : PendingCall(method)
    {
        // Continuations run on the thread pool, never on the receive loop, so a caller that
        // blocks cannot stall every other call on the connection.
        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Complete(ReadOnlySpan<byte> resultJson)
        {
            try
            {
                var value = resultJson.IsEmpty ? default! : JsonSerializer.Deserialize(resultJson, resultType)!;
                Completion.TrySetResult(value);
            }
            catch (JsonException e)
            {
                Completion.TrySetException(new GoxelException($"{Method}: unexpected result: {e.Message}", e));
            }
        }

        public override void Fail(Exception error) => Completion.TrySetException(error);
    }
}
