using System.Collections.Concurrent;
using Goxel.Protocol;
using Microsoft.Extensions.Logging;

namespace Goxel.Daemon.Network;

/// <summary>
/// One thread serving many connections (server.event_loops of them, connections dealt round):
/// it waits in epoll for sockets with bytes, reads each once, runs the quick requests that
/// arrived (<see cref="InlineRequests"/>), then lets the journal's group commit settle once for
/// all of them (storage.fsync always) and writes every response. A request that may wait takes
/// its connection off the loop to a thread of its own until it is answered (<see cref="Connection"/>).
/// Two threads serve a hundred busy connections without a hundred threads waiting for two cores.
/// </summary>
internal sealed class EventLoop
{
    // Sockets handled per wait; more wait for the next round.
    private const int RoundSize = 256;

    // How often idle connections are looked for (and how long a wait may last).
    private const int SweepMs = 1000;

    // After a round with work, the loop looks again without sleeping for this long before it
    // sleeps in epoll: a client's next request usually comes within tens of microseconds, and a
    // sleeping loop is woken on another core, out of its idle state (a round trip 1.12x the
    // echo floor against 0.69x for a thread per connection, woken where the client wrote).
    private static readonly long SpinTicks = System.Diagnostics.Stopwatch.Frequency / 20_000;

    private readonly int _epoll = Epoll.Create();
    private readonly Dictionary<long, Connection> _connections = [];
    private readonly List<Connection> _answering = [];
    private readonly ConcurrentQueue<EventLoop> _owed = new();

    // Debts past this are forgotten (the loops are as uneven as the connections' projects make them).
    private const int MaxOwed = 1024;
    private readonly ILogger _logger;
    private long _nextKey;
    private volatile bool _stopping;

    public EventLoop(int index, ILogger logger)
    {
        _logger = logger;
        new Thread(Run) { IsBackground = true, Name = $"goxel-loop-{index}" }.Start();
    }

    /// <summary>Takes <paramref name="connection"/> on (from any thread): its requests are served here from now on.</summary>
    public void Add(Connection connection)
    {
        long key;
        lock (_connections)
        {
            key = ++_nextKey;
            _connections.Add(key, connection);
        }
        try
        {
            connection.JoinLoop(this, key);
            Epoll.Watch(_epoll, connection.Fd, key);
        }
        catch
        {
            // Closed meanwhile (shutdown): not kept here.
            lock (_connections) _connections.Remove(key);
            throw;
        }
    }

    /// <summary>
    /// Serves <paramref name="connection"/> here from now on, taken from <paramref name="from"/>
    /// (whose thread calls this, between its requests): it waited there for a project this loop
    /// serves. This loop then owes <paramref name="from"/> a connection (<see cref="TakeDebt"/>).
    /// </summary>
    public void Gather(Connection connection, EventLoop from)
    {
        TakeOver(connection, from);
        if (_owed.Count < MaxOwed) _owed.Enqueue(from);
    }

    /// <summary>
    /// Serves <paramref name="connection"/> here from now on, taken from <paramref name="from"/>
    /// (whose thread calls this, between its requests, once its responses were written). Bytes
    /// it has not sent yet wake it here.
    /// </summary>
    public void TakeOver(Connection connection, EventLoop from)
    {
        from.Remove(connection);
        Epoll.Unwatch(from._epoll, connection.Fd);
        Add(connection);
    }

    /// <summary>
    /// On this loop's thread: a loop that gave this one a connection and has not had one back
    /// (null: none), forgotten. Gathering a shared project's connections on one loop would
    /// otherwise leave that loop with the others' connections as well, and the other loop idle.
    /// </summary>
    public EventLoop? TakeDebt() => !_owed.IsEmpty && _owed.TryDequeue(out var loop) ? loop : null;

    /// <summary>Serves <paramref name="connection"/> here again after a thread of its own answered what it deferred.</summary>
    public void Rearm(Connection connection) => Epoll.Rearm(_epoll, connection.Fd, connection.LoopKey);

    /// <summary>How many connections this loop serves now.</summary>
    public int Count
    {
        get
        {
            lock (_connections) return _connections.Count;
        }
    }

    /// <summary>Forgets a connection that closed.</summary>
    public void Remove(Connection connection)
    {
        lock (_connections) _connections.Remove(connection.LoopKey);
    }

    /// <summary>Ends the loop's thread within a second (its connections were closed first).</summary>
    public void Stop() => _stopping = true;

    private void Run()
    {
        try
        {
            Serve();
        }
        catch (Exception ex)
        {
            _logger.LogCritical(ex, "event loop failed");
            throw;
        }
    }

    private void Serve()
    {
        InlineRequests.Loop = this;
        Span<long> keys = stackalloc long[RoundSize];
        var swept = Environment.TickCount64;
        var spinUntil = 0L;
        while (!_stopping)
        {
            var spinning = spinUntil != 0;
            var count = Epoll.Wait(_epoll, keys, spinning ? 0 : SweepMs);
            if (count > 0) spinUntil = System.Diagnostics.Stopwatch.GetTimestamp() + SpinTicks;
            else if (spinning && System.Diagnostics.Stopwatch.GetTimestamp() >= spinUntil) spinUntil = 0;
            for (var i = 0; i < count; i++)
            {
                Connection? connection;
                lock (_connections) _connections.TryGetValue(keys[i], out connection);
                if (connection is not null && connection.ServeOnLoop()) _answering.Add(connection);
            }
            Answer();
            if (Environment.TickCount64 - swept >= SweepMs)
            {
                swept = Environment.TickCount64;
                CloseIdle();
            }
        }
        Epoll.Close(_epoll);
    }

    // Writes the responses of the round, once what they acknowledge is durable.
    private void Answer()
    {
        if (_answering.Count == 0) return;
        var durable = Storage.GroupCommit.AwaitThisThread();
        foreach (var connection in _answering)
        {
            try
            {
                connection.AnswerOnLoop(durable);
            }
            catch (Exception ex)
            {
                // A bug must cost one connection, never the loop.
                _logger.LogError(ex, "connection failed unexpectedly");
                connection.Close();
            }
        }
        _answering.Clear();
    }

    private void CloseIdle()
    {
        var now = Environment.TickCount64;
        List<Connection>? idle = null;
        lock (_connections)
            foreach (var connection in _connections.Values)
                if (connection.IdleOnLoop(now))
                    (idle ??= []).Add(connection);
        if (idle is null) return;
        foreach (var connection in idle) connection.CloseIdle();
    }
}
