using System.Buffers;
using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Goxel.Protocol;

/// <summary>
/// The JSON-RPC 2.0 envelope for one connection: parses a framed message, runs the request
/// or batch it holds, and appends the response line(s) to an output buffer. Requests without
/// an "id" member are notifications: run, not answered. Every response is one line. The
/// original's MCP-style tool calls are translated and then run on the same path
/// (<see cref="Run"/>): whatever a method throws becomes the error reply to that request alone.
/// </summary>
public sealed class RpcProcessor
{
    /// <summary>The original daemon's exact reply to an over-long message (spec 1.2).</summary>
    public static ReadOnlySpan<byte> OversizeLine =>
        "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32700,\"message\":\"Parse error: JSON message too large\"},\"id\":null}\n"u8;

    private static ReadOnlySpan<byte> ResultPrefix => "{\"jsonrpc\":\"2.0\",\"result\":"u8;

    private static readonly JsonDocumentOptions ParseOptions = new() { AllowTrailingCommas = true, MaxDepth = 256 };

    private static readonly JsonWriterOptions WriteOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly IRpcMethodTable _methods;
    private readonly Action<string, Exception>? _onFault;
    private readonly IRequestObserver? _observer;
    private readonly McpTranslator? _mcp;
    private readonly bool _mcpOnly;
    private readonly Utf8JsonWriter _writer = new(Detached.Instance, WriteOptions);

    // Small requests are read without a document (the common case, see RequestReader).
    private readonly RequestReader _request = new();

    // The methods named on this connection, by name as sent: a client uses a handful of methods,
    // and comparing bytes saves a string and its bytes, and two hash lookups of the table, per
    // request. Slots fill in order (an empty one ends the search); past the last the oldest is replaced.
    private readonly (byte[]? Utf8, Method Method)[] _names = new (byte[]?, Method)[8];
    private int _nextName;

    // Size of the message being processed, for the table's observer.
    private long _messageBytes;

    // The id of the request running (for its progress notifications).
    private RequestId _running;

    // Progress notifications of the message being processed; made on first use.
    private ResponseBuffer? _progress;
    private Action<ReadOnlyMemory<byte>>? _progressSink;
    private Utf8JsonWriter? _progressWriter;

    /// <summary>
    /// An envelope over <paramref name="methods"/>; <paramref name="onFault"/> hears of unexpected
    /// exceptions, and the table's <see cref="IRpcMethodTable.Observer"/> of every method run and
    /// how long it took. With <paramref name="mcp"/>, tool calls are translated by it: every message when
    /// <paramref name="mcpOnly"/>, else those that look like tool calls.
    /// </summary>
    public RpcProcessor(IRpcMethodTable methods, Action<string, Exception>? onFault = null,
        McpTranslator? mcp = null, bool mcpOnly = false)
    {
        _methods = methods;
        _onFault = onFault;
        _observer = methods.Observer;
        _mcp = mcp;
        _mcpOnly = mcp is not null && mcpOnly;
    }

    /// <summary>
    /// Handles one framed message, appending zero or more response lines. Progress notifications
    /// its requests report (<see cref="RequestProgress"/>) go to <paramref name="progress"/> the
    /// moment they are made (a connection sends them while the request runs); without it they
    /// go before the message's response lines. <paramref name="message"/>'s bytes must not change
    /// until this returns.
    /// </summary>
    public void Process(ReadOnlySequence<byte> message, ResponseBuffer output, CancellationToken cancellation = default,
        Action<ReadOnlyMemory<byte>>? progress = null) =>
        Handle(message.Length, message, readInPlace: false, output, cancellation, progress);

    /// <summary>
    /// Handles the request at the front of <paramref name="input"/>, a stream of messages, when it
    /// is a small request object read in place (<see cref="RequestReader"/>: no framing, no
    /// document); returns the bytes it took, or 0 when the front must be framed and given to
    /// <see cref="Process"/>. Otherwise as <see cref="Process"/>.
    /// </summary>
    public int ProcessFront(ReadOnlyMemory<byte> input, ResponseBuffer output, CancellationToken cancellation = default,
        Action<ReadOnlyMemory<byte>>? progress = null)
    {
        if (_mcpOnly) return 0;
        var used = _request.Read(input, whole: false);
        if (used > 0) Handle(used, default, readInPlace: true, output, cancellation, progress);
        return used;
    }

    // Runs a message of messageBytes (with readInPlace, the one RequestReader holds); progress
    // notifications kept for it go before its response lines.
    private void Handle(long messageBytes, ReadOnlySequence<byte> message, bool readInPlace, ResponseBuffer output,
        CancellationToken cancellation, Action<ReadOnlyMemory<byte>>? progress)
    {
        _messageBytes = messageBytes;
        _progressSink = progress;
        var lineStart = output.Length;
        try
        {
            if (readInPlace) RunRead(output, cancellation);
            else ProcessMessage(message, output, cancellation);
        }
        finally
        {
            _progressSink = null;
        }
        if (_progress is not { Length: > 0 } buffered) return;
        var response = output.Written[lineStart..].ToArray();
        output.Truncate(lineStart);
        output.Append(buffered.Written.Span);
        output.Append(response);
        buffered.Clear();
    }

    /// <summary>True while a request with an id runs (its progress can be reported).</summary>
    internal bool RunningHasId => _running.IsPresent;

    /// <summary>Makes a progress notification for the running request: sent at once, or kept for before the message's response.</summary>
    internal void WriteProgress(long done, long total)
    {
        _progress ??= new ResponseBuffer();
        _progressWriter ??= new Utf8JsonWriter(_progress, WriteOptions);
        _progressWriter.Reset(_progress);
        _progressWriter.WriteStartObject();
        _progressWriter.WriteString("jsonrpc"u8, "2.0"u8);
        _progressWriter.WriteString("method"u8, "progress"u8);
        _progressWriter.WriteStartObject("params"u8);
        _progressWriter.WritePropertyName("id"u8);
        _running.WriteTo(_progressWriter);
        _progressWriter.WriteNumber("done"u8, done);
        _progressWriter.WriteNumber("total"u8, total);
        _progressWriter.WriteEndObject();
        _progressWriter.WriteEndObject();
        _progressWriter.Flush();
        _progress.Append((byte)'\n');
        if (_progressSink is not { } sink) return;
        sink(_progress.Written);
        _progress.Clear();
    }

    private void ProcessMessage(ReadOnlySequence<byte> message, ResponseBuffer output, CancellationToken cancellation)
    {
        if (!_mcpOnly && message.IsSingleSegment && _request.Read(message.First, whole: true) > 0)
        {
            RunRead(output, cancellation);
            return;
        }
        JsonDocument document;
        try
        {
            // A message in one piece (as a connection's read buffer gives it) is parsed in place:
            // the sequence overload would first copy it into a pooled array. The bytes stay put
            // until the document is disposed below, before the caller reads into its buffer again.
            document = message.IsSingleSegment
                ? JsonDocument.Parse(message.First, ParseOptions)
                : JsonDocument.Parse(message, ParseOptions);
        }
        catch (JsonException ex)
        {
            var reason = ParseFailure.Describe(message, ex);
            if (_mcpOnly) McpTranslator.WriteFailure(_writer, output, new RpcError(McpTranslator.UnknownTool, reason));
            else
            {
                WriteError(output, default, RpcErrorCode.ParseError, reason);
                output.Append((byte)'\n');
            }
            return;
        }
        using (document)
        {
            var root = document.RootElement;
            if (_mcp is not null && (_mcpOnly || McpTranslator.IsToolCall(root)))
            {
                ProcessToolCall(_mcp, root, output, cancellation);
                return;
            }
            if (root.ValueKind != JsonValueKind.Array)
            {
                if (ProcessRequest(root, output, cancellation)) output.Append((byte)'\n');
                return;
            }
            if (root.GetArrayLength() == 0)
            {
                WriteError(output, default, RpcErrorCode.InvalidRequest, "Invalid Request");
                output.Append((byte)'\n');
                return;
            }
            // A batch runs whole where it may wait: deferring it half-way would run its first requests twice.
            InlineRequests.DeferOnLoop();
            ProcessBatch(root, output, cancellation);
        }
    }

    // Runs the request _request read, and forgets it.
    private void RunRead(ResponseBuffer output, CancellationToken cancellation)
    {
        try
        {
            var id = _request.Id;
            if (Answer(MethodName(_request.Method), id, new RpcParams(_request, cancellation, new RequestProgress(this)), output))
                output.Append((byte)'\n');
        }
        finally
        {
            _request.Clear();
        }
    }

    private void ProcessToolCall(McpTranslator mcp, JsonElement message, ResponseBuffer output, CancellationToken cancellation)
    {
        if (!mcp.TryTranslate(message, out var name, out var arguments, out var failure))
        {
            McpTranslator.WriteFailure(_writer, output, failure);
            return;
        }
        var start = output.Length;
        output.Append(McpTranslator.SuccessPrefix);
        if (Run(name, new RpcParams(arguments, cancellation), output) is { } error)
        {
            output.Truncate(start);
            McpTranslator.WriteFailure(_writer, output, McpTranslator.Translate(error));
            return;
        }
        output.Append((byte)'}');
        output.Append((byte)'\n');
    }

    private void ProcessBatch(JsonElement batch, ResponseBuffer output, CancellationToken cancellation)
    {
        var start = output.Length;
        output.Append((byte)'[');
        var answered = false;
        foreach (var request in batch.EnumerateArray())
        {
            var before = output.Length;
            if (answered) output.Append((byte)',');
            if (ProcessRequest(request, output, cancellation)) answered = true;
            else output.Truncate(before);
        }
        if (!answered)
        {
            // A batch of notifications gets no reply at all.
            output.Truncate(start);
            return;
        }
        output.Append((byte)']');
        output.Append((byte)'\n');
    }

    /// <summary>Runs one request object; false when nothing was written (a notification).</summary>
    private bool ProcessRequest(JsonElement request, ResponseBuffer output, CancellationToken cancellation)
    {
        if (request.ValueKind != JsonValueKind.Object)
            return WriteError(output, default, RpcErrorCode.InvalidRequest, "Invalid Request");

        var hasId = request.TryGetProperty("id", out var id);
        if (hasId && !IsValidId(id))
            return WriteError(output, default, RpcErrorCode.InvalidRequest, "Invalid Request: id must be a string, an integer or null");
        var requestId = new RequestId(id);
        if (!request.TryGetProperty("jsonrpc", out var version) || version.ValueKind != JsonValueKind.String || !version.ValueEquals("2.0"u8))
            return WriteError(output, requestId, RpcErrorCode.InvalidRequest, "Invalid Request: \"jsonrpc\" must be \"2.0\"");
        if (!request.TryGetProperty("method", out var methodName) || methodName.ValueKind != JsonValueKind.String)
            return WriteError(output, requestId, RpcErrorCode.InvalidRequest, "Invalid Request: \"method\" must be a string");
        var parameters = request.TryGetProperty("params", out var p) ? p : default;
        if (parameters.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.Object or JsonValueKind.Array))
            return WriteError(output, requestId, RpcErrorCode.InvalidRequest, "Invalid Request: \"params\" must be an object or an array");

        return Answer(MethodName(methodName), requestId, new RpcParams(parameters, cancellation, new RequestProgress(this)), output);
    }

    /// <summary>Runs a well-formed request and writes its reply; false when nothing was written (a notification).</summary>
    private bool Answer(Method method, RequestId id, RpcParams parameters, ResponseBuffer output)
    {
        var start = output.Length;
        output.Append(ResultPrefix);
        _running = id;
        RpcError? failure;
        try
        {
            failure = Dispatch(method, parameters, output);
        }
        finally
        {
            _running = default;
        }
        if (failure is { } error)
        {
            output.Truncate(start);
            return id.IsPresent && WriteError(output, id, error.Code, error.Message);
        }
        if (!id.IsPresent)
        {
            output.Truncate(start);
            return false;
        }
        output.Append(",\"id\":"u8);
        if (!id.TryAppendTo(output))
        {
            _writer.Reset(output);
            id.WriteTo(_writer);
            _writer.Flush();
            _writer.Reset(Detached.Instance);
        }
        output.Append((byte)'}');
        return true;
    }

    /// <summary>
    /// The one dispatch path: runs <paramref name="name"/> and appends its result value to
    /// <paramref name="output"/>, or returns the error and leaves whatever it wrote for the caller
    /// to cut. No exception escapes but <see cref="RequestDeferredException"/> (on an event loop,
    /// for a method that may wait): unexpected ones are reported to the fault log with the
    /// method's name and answered -32603 without .NET's text.
    /// </summary>
    public RpcError? Run(string name, RpcParams parameters, ResponseBuffer output) => Dispatch(Find(name), parameters, output);

    private RpcError? Dispatch(Method found, RpcParams parameters, ResponseBuffer output)
    {
        var (name, method, quick) = found;
        if (method is null) return new RpcError(RpcErrorCode.MethodNotFound, $"Method not found: {name}");
        if (InlineRequests.Active && !quick) throw RequestDeferredException.Instance;
        var began = Stopwatch.GetTimestamp();
        var failed = true;
        try
        {
            _writer.Reset(output);
            method(parameters, _writer);
            _writer.Flush();
            failed = false;
            return null;
        }
        catch (RequestDeferredException)
        {
            // Nothing ran: the request runs again off the loop, and is counted there.
            began = 0;
            throw;
        }
        catch (RpcException ex)
        {
            return new RpcError(ex.Code, ex.Message);
        }
        catch (OperationCanceledException) when (parameters.Cancellation.IsCancellationRequested)
        {
            return new RpcError(RpcErrorCode.InternalError, $"Request cancelled: {name} was stopped (client gone or daemon shutting down); nothing was changed");
        }
        catch (Exception ex)
        {
            _onFault?.Invoke(name, ex);
            return new RpcError(RpcErrorCode.InternalError, $"Internal error in {name} (details in the daemon log)");
        }
        finally
        {
            _writer.Reset(Detached.Instance);
            if (began != 0) _observer?.Completed(name, Stopwatch.GetElapsedTime(began), failed, parameters, _messageBytes);
        }
    }

    private Method MethodName(JsonElement method)
    {
        foreach (var (utf8, known) in _names)
        {
            if (utf8 is null) break;
            if (method.ValueEquals(utf8)) return known;
        }
        return Remember(method.GetString()!);
    }

    // A name as sent without escapes (RequestReader's), ASCII.
    private Method MethodName(ReadOnlySpan<byte> method)
    {
        foreach (var (utf8, known) in _names)
        {
            if (utf8 is null) break;
            if (method.SequenceEqual(utf8)) return known;
        }
        return Remember(System.Text.Encoding.ASCII.GetString(method));
    }

    private Method Remember(string name)
    {
        var method = Find(name);
        _names[_nextName] = (System.Text.Encoding.UTF8.GetBytes(name), method);
        _nextName = (_nextName + 1) % _names.Length;
        return method;
    }

    // The table does not change once built, so what it says of a name may be kept.
    private Method Find(string name) =>
        _methods.TryGet(name, out var body) ? new Method(name, body, _methods.IsQuick(name)) : new Method(name, null, false);

    private static bool IsValidId(JsonElement id) =>
        id.ValueKind is JsonValueKind.String or JsonValueKind.Null
        || (id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out _));

    private bool WriteError(ResponseBuffer output, RequestId id, int code, string message)
    {
        _writer.Reset(output);
        _writer.WriteStartObject();
        _writer.WriteString("jsonrpc"u8, "2.0"u8);
        _writer.WriteStartObject("error"u8);
        _writer.WriteNumber("code"u8, code);
        _writer.WriteString("message"u8, message);
        _writer.WriteEndObject();
        _writer.WritePropertyName("id"u8);
        id.WriteTo(_writer);
        _writer.WriteEndObject();
        _writer.Flush();
        _writer.Reset(Detached.Instance);
        return true;
    }

    /// <summary>A method by name: its body (null: there is none) and whether an event loop may run it.</summary>
    private readonly record struct Method(string Name, RpcMethod? Body, bool Quick);

    /// <summary>
    /// Where the writer points between requests, so it holds no connection's buffer. Resetting it
    /// to a stream instead made a new ArrayBufferWriter per request. Nothing may be written here.
    /// </summary>
    private sealed class Detached : IBufferWriter<byte>
    {
        public static readonly Detached Instance = new();

        public void Advance(int count) => throw new InvalidOperationException("written outside a request");

        public Memory<byte> GetMemory(int sizeHint = 0) => throw new InvalidOperationException("written outside a request");

        public Span<byte> GetSpan(int sizeHint = 0) => throw new InvalidOperationException("written outside a request");
    }
}
