namespace Goxel.Client;

/// <summary>
/// The guide's SmartBatcher: voxels added within a window (50 ms, restarted by each add) go out
/// as one batch. Voxels at the same position are de-duplicated, the last write wins, and every
/// caller's task completes with the batch that carried (or replaced) its voxel. Reaching
/// <see cref="MaxBatchSize"/> flushes at once, so a steady stream cannot postpone writes forever.
/// </summary>
public sealed class SmartBatcher : IAsyncDisposable
{
    private readonly VoxelBatchSender _send;
    private readonly Lock _gate = new();
    private readonly ITimer _timer;
    private readonly HashSet<Task> _inFlight = [];
    private Dictionary<VoxelPosition, Pending> _pending = [];
    private int _batchesSent;

    /// <summary>Creates a batcher.</summary>
    public SmartBatcher(VoxelBatchSender send, TimeSpan? batchDelay = null, int maxBatchSize = 1000, TimeProvider? time = null)
    {
        _send = send ?? throw new ArgumentNullException(nameof(send));
        BatchDelay = batchDelay ?? TimeSpan.FromMilliseconds(50);
        MaxBatchSize = Math.Max(1, maxBatchSize);
        _timer = (time ?? TimeProvider.System).CreateTimer(_ => _ = FlushAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The batching window.</summary>
    public TimeSpan BatchDelay { get; }

    /// <summary>Pending voxels that trigger an immediate flush.</summary>
    public int MaxBatchSize { get; }

    /// <summary>Voxels waiting (after de-duplication).</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate) return _pending.Count;
        }
    }

    /// <summary>Batches sent so far.</summary>
    public int BatchesSent => Volatile.Read(ref _batchesSent);

    /// <summary>Queues a voxel; completes once a batch containing it (or a later voxel at its cell) is written.</summary>
    public Task AddVoxelDeferredAsync(Voxel voxel)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool full;
        lock (_gate)
        {
            if (_pending.TryGetValue(voxel.Position, out var existing))
            {
                existing.Voxel = voxel;
                existing.Waiters.Add(done);
            }
            else
            {
                _pending[voxel.Position] = new Pending(voxel, done);
            }
            full = _pending.Count >= MaxBatchSize;
            if (!full) _timer.Change(BatchDelay, Timeout.InfiniteTimeSpan);
        }
        if (full) _ = FlushAsync();
        return done.Task;
    }

    /// <summary>Sends what is pending and waits for every batch in flight. Errors reach the callers' tasks, not this one.</summary>
    public async Task FlushAsync()
    {
        Task[] waitFor;
        lock (_gate)
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            if (_pending.Count > 0)
            {
                var entries = _pending.Values.ToArray();
                _pending = [];
                _batchesSent++;
                var sending = SendAsync(entries);
                _inFlight.Add(sending);
                _ = sending.ContinueWith(t =>
                {
                    lock (_gate) _inFlight.Remove(t);
                }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
            waitFor = [.. _inFlight];
        }
        await Task.WhenAll(waitFor).ConfigureAwait(false);
    }

    /// <summary>Flushes, then stops the timer.</summary>
    public async ValueTask DisposeAsync()
    {
        await FlushAsync().ConfigureAwait(false);
        await _timer.DisposeAsync().ConfigureAwait(false);
    }

    private async Task SendAsync(Pending[] entries)
    {
        await Task.Yield();
        try
        {
            await _send(entries.Select(e => e.Voxel).ToArray(), CancellationToken.None).ConfigureAwait(false);
            foreach (var e in entries) foreach (var w in e.Waiters) w.TrySetResult();
        }
        catch (Exception error)
        {
            foreach (var e in entries) foreach (var w in e.Waiters) w.TrySetException(error);
        }
    }

    private sealed class Pending(Voxel voxel, TaskCompletionSource first)
    {
        public Voxel Voxel { get; set; } = voxel;

        public List<TaskCompletionSource> Waiters { get; } = [first];
    }
}
