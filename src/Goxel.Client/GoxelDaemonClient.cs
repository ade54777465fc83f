using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Goxel.Client;

/// <summary>
/// A connection to goxel-daemon: pipelined JSON-RPC calls (many in flight, matched by id),
/// per-call timeouts, optional reconnection with exponential backoff, and one typed method per
/// daemon method (the other partial files). Thread-safe.
/// </summary>
public sealed partial class GoxelDaemonClient : IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private RpcConnection? _connection;
    private Task? _opening;
    private bool _closedByUser = true;
    private bool _reconnecting;
    private TaskCompletionSource _reconnected = NewSignal();
    private long _nextId = 1;

    /// <summary>Creates a client; nothing happens until <see cref="ConnectAsync"/>.</summary>
    public GoxelDaemonClient(GoxelDaemonClientOptions? options = null, ILogger<GoxelDaemonClient>? logger = null)
    {
        Options = options ?? new GoxelDaemonClientOptions();
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Raised when the connection drops (not when <see cref="DisconnectAsync"/> closes it).</summary>
    public event EventHandler<GoxelConnectionException>? Disconnected;

    /// <summary>Raised after a successful reconnect.</summary>
    public event EventHandler? Reconnected;

    /// <summary>The options this client was made with.</summary>
    public GoxelDaemonClientOptions Options { get; }

    /// <summary>True while a connection is open.</summary>
    public bool IsConnected => _connection is { IsClosed: false };

    /// <summary>Calls waiting for an answer on the current connection.</summary>
    public int InFlight => _connection?.InFlight ?? 0;

    /// <summary>Opens the connection; returns at once when already connected.</summary>
    /// <exception cref="GoxelConnectionException">The daemon cannot be reached.</exception>
    public Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _closedByUser = false;
            if (IsConnected) return Task.CompletedTask;
        }
        return OpenAsync(cancellationToken);
    }

    /// <summary>
    /// Closes gracefully: calls already sent still get their answers (for up to 2 s), then the
    /// socket closes. Stops reconnecting.
    /// </summary>
    public async Task DisconnectAsync()
    {
        RpcConnection? connection;
        lock (_gate)
        {
            _closedByUser = true;
            connection = _connection;
            _reconnected.TrySetException(new GoxelConnectionException("client disconnected"));
        }
        if (connection is not null) await connection.CloseGracefullyAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await DisconnectAsync().ConfigureAwait(false);

    /// <summary>Calls any method with JSON params (object, array or null) and returns its raw <c>result</c>.</summary>
    /// <exception cref="GoxelRpcException">The daemon answered with an error.</exception>
    /// <exception cref="GoxelTimeoutException">No answer within <see cref="GoxelDaemonClientOptions.Timeout"/>.</exception>
    /// <exception cref="GoxelConnectionException">Not connected, or the connection dropped.</exception>
    public Task<JsonElement> CallAsync(string method, JsonNode? parameters = null, CancellationToken cancellationToken = default) =>
        InvokeAsync(method, Writer(parameters), ClientJsonContext.Default.JsonElement, cancellationToken);

    /// <summary>Calls any method and deserializes its result with a source-generated contract.</summary>
    public Task<T> CallAsync<T>(string method, JsonNode? parameters, JsonTypeInfo<T> resultType, CancellationToken cancellationToken = default) =>
        InvokeAsync(method, Writer(parameters), resultType, cancellationToken);

    /// <summary>Sends a notification: executed by the daemon, never answered.</summary>
    public async Task NotifyAsync(string method, JsonNode? parameters = null, CancellationToken cancellationToken = default)
    {
        var connection = await LiveConnectionAsync(method, cancellationToken).ConfigureAwait(false);
        connection.Notify(method, Writer(parameters));
    }

    /// <summary>
    /// Sends several calls as one JSON-RPC batch (one array on the wire); each element succeeds or
    /// fails on its own, in the order given.
    /// </summary>
    public async Task<IReadOnlyList<RpcOutcome>> BatchAsync(IReadOnlyList<RpcBatchCall> calls, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var connection = await LiveConnectionAsync("batch", cancellationToken).ConfigureAwait(false);
        var answers = connection.SendBatch(calls);
        var outcomes = new RpcOutcome[answers.Length];
        for (var i = 0; i < answers.Length; i++)
        {
            try
            {
                outcomes[i] = new RpcOutcome(await answers[i].WaitAsync(cancellationToken).ConfigureAwait(false), null);
            }
            catch (GoxelException e)
            {
                outcomes[i] = new RpcOutcome(default, e);
            }
        }
        return outcomes;
    }

    /// <summary>
    /// The heart of every call. On the common path (connected, no cancellation token, no metrics
    /// listener) the caller gets the pending call's own task: no async state machine and no extra
    /// hop between the answer and the caller. The connection fails the call with
    /// <see cref="GoxelTimeoutException"/> when its timeout passes.
    /// </summary>
    internal Task<T> InvokeAsync<T>(string method, Action<Utf8JsonWriter>? writeParams, JsonTypeInfo<T> resultType,
        CancellationToken cancellationToken)
    {
        var connection = _connection;
        if (connection is { IsClosed: false } && !cancellationToken.CanBeCanceled && !ClientMetrics.Enabled)
            return connection.Send(method, writeParams, resultType).Answer;
        return InvokeTrackedAsync(method, writeParams, resultType, cancellationToken);
    }

    private async Task<T> InvokeTrackedAsync<T>(string method, Action<Utf8JsonWriter>? writeParams, JsonTypeInfo<T> resultType,
        CancellationToken cancellationToken)
    {
        var connection = _connection is { IsClosed: false } live ? live : await LiveConnectionAsync(method, cancellationToken).ConfigureAwait(false);
        var started = ClientMetrics.Enabled ? Stopwatch.GetTimestamp() : 0;
        var (id, answer) = connection.Send(method, writeParams, resultType);
        T result;
        try
        {
            result = cancellationToken.CanBeCanceled
                ? await answer.WaitAsync(cancellationToken).ConfigureAwait(false)
                : await answer.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            connection.Forget(id);
            throw;
        }
        catch (GoxelException e)
        {
            if (started != 0) ClientMetrics.RecordCall(method, e switch { GoxelRpcException => "error", GoxelTimeoutException => "timeout", _ => "disconnected" }, started);
            throw;
        }
        if (started != 0) ClientMetrics.RecordCall(method, "ok", started);
        return result;
    }

    private static Action<Utf8JsonWriter>? Writer(JsonNode? parameters) =>
        parameters is null ? null : writer => parameters.WriteTo(writer);

    private async Task<RpcConnection> LiveConnectionAsync(string method, CancellationToken cancellationToken)
    {
        Task waitFor;
        lock (_gate)
        {
            if (_connection is { IsClosed: false } live) return live;
            if (_closedByUser || !Options.AutoReconnect)
                throw new GoxelConnectionException($"{method}: not connected to {Options.Endpoint}");
            if (!_reconnecting) StartReconnecting();
            waitFor = _reconnected.Task;
        }
        try
        {
            if (Options.Timeout == Timeout.InfiniteTimeSpan) await waitFor.WaitAsync(cancellationToken).ConfigureAwait(false);
            else await waitFor.WaitAsync(Options.Timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new GoxelTimeoutException(method, Options.Timeout);
        }
        return _connection is { IsClosed: false } connection ? connection : await LiveConnectionAsync(method, cancellationToken).ConfigureAwait(false);
    }

    private Task OpenAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_opening is { } running) return running;
            var opening = OpenCoreAsync(cancellationToken);
            // A connect that fails synchronously has already run its finally; remembering it
            // would hand the same failure to every later attempt.
            if (!opening.IsCompleted) _opening = opening;
            return opening;
        }
    }

    private async Task OpenCoreAsync(CancellationToken cancellationToken)
    {
        try
        {
            var connection = await RpcConnection.OpenAsync(Options, Interlocked.Read(ref _nextId), OnClosed, cancellationToken).ConfigureAwait(false);
            TaskCompletionSource signal;
            lock (_gate)
            {
                if (_closedByUser)
                {
                    // DisconnectAsync ran while a reconnect attempt was connecting.
                    connection.Abort();
                    throw new GoxelConnectionException("client disconnected");
                }
                _connection = connection;
                signal = _reconnected;
                _reconnected = NewSignal();
            }
            signal.TrySetResult();
            ClientLog.Connected(_logger, Options.Endpoint);
        }
        finally
        {
            lock (_gate) _opening = null;
        }
    }

    private void OnClosed(RpcConnection connection, GoxelConnectionException reason)
    {
        Interlocked.Exchange(ref _nextId, connection.NextId);
        bool reconnect;
        lock (_gate)
        {
            if (!ReferenceEquals(_connection, connection)) return;
            reconnect = !_closedByUser;
            if (reconnect && Options.AutoReconnect && !_reconnecting) StartReconnecting();
        }
        if (!reconnect) return;
        ClientLog.Dropped(_logger, Options.Endpoint, reason.Message);
        Disconnected?.Invoke(this, reason);
    }

    /// <summary>Runs with <see cref="_gate"/> held.</summary>
    private void StartReconnecting()
    {
        _reconnecting = true;
        if (_reconnected.Task.IsCompleted) _reconnected = NewSignal();
        _ = Task.Run(ReconnectLoopAsync);
    }

    private async Task ReconnectLoopAsync()
    {
        var delay = Options.ReconnectDelay;
        for (var attempt = 1; ; attempt++)
        {
            ClientLog.Reconnecting(_logger, Options.Endpoint, delay.TotalMilliseconds, attempt);
            await Task.Delay(delay).ConfigureAwait(false);
            lock (_gate)
            {
                if (_closedByUser)
                {
                    _reconnecting = false;
                    return;
                }
            }
            try
            {
                await OpenAsync(CancellationToken.None).ConfigureAwait(false);
                lock (_gate) _reconnecting = false;
                ClientMetrics.RecordReconnect();
                Reconnected?.Invoke(this, EventArgs.Empty);
                return;
            }
            catch (GoxelConnectionException e)
            {
                if (attempt >= Options.MaxReconnectAttempts)
                {
                    ClientLog.GaveUp(_logger, Options.Endpoint, attempt);
                    lock (_gate)
                    {
                        _reconnecting = false;
                        _reconnected.TrySetException(new GoxelConnectionException($"gave up reconnecting to {Options.Endpoint}", e));
                    }
                    return;
                }
            }
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, Options.MaxReconnectDelay.Ticks));
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
