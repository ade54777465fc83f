namespace Goxel.Client;

/// <summary>
/// The guide's ParallelProcessor: runs operations at most <see cref="MaxConcurrency"/> at a time.
/// Waiters are admitted in arrival order (SemaphoreSlim queues asynchronous waiters FIFO).
/// </summary>
public sealed class ParallelProcessor(int maxConcurrency = 5) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, maxConcurrency), Math.Max(1, maxConcurrency));
    private int _active;

    /// <summary>Most operations running at once.</summary>
    public int MaxConcurrency { get; } = Math.Max(1, maxConcurrency);

    /// <summary>Operations running now.</summary>
    public int ActiveCount => Volatile.Read(ref _active);

    /// <summary>Runs <paramref name="operation"/> when a slot is free; its outcome is the task's.</summary>
    public async Task<T> ProcessAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _active);
        try
        {
            return await operation(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _active);
            _slots.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _slots.Dispose();
}
