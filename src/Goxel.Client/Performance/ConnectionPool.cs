using System.Collections.Concurrent;

namespace Goxel.Client;

/// <summary>
/// The guide's connection pool: up to <see cref="Size"/> connected clients (auto-reconnect on by
/// default), opened on demand, each lent to one caller at a time. The daemon serves every
/// connection on its own thread, so work spread over pooled connections runs in parallel.
/// </summary>
public sealed class ConnectionPool : IAsyncDisposable
{
    private readonly GoxelDaemonClientOptions _options;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentBag<GoxelDaemonClient> _idle = [];
    private readonly ConcurrentDictionary<GoxelDaemonClient, byte> _all = new();
    private volatile bool _disposed;

    /// <summary>Creates a pool of at most <paramref name="size"/> connections (the guide's 5).</summary>
    public ConnectionPool(GoxelDaemonClientOptions options, int size = 5)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        _options = options;
        Size = size;
        _slots = new SemaphoreSlim(size, size);
    }

    /// <summary>Most connections open at once.</summary>
    public int Size { get; }

    /// <summary>Connections opened so far and still owned by the pool.</summary>
    public int OpenConnections => _all.Count;

    /// <summary>Takes a connected client, waiting while all are lent; give it back with <see cref="ReturnConnection"/>.</summary>
    public async Task<GoxelDaemonClient> GetConnectionAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (_idle.TryTake(out var idle))
            {
                if (idle.IsConnected || idle.Options.AutoReconnect) return idle;
                _all.TryRemove(idle, out _);
                await idle.DisposeAsync().ConfigureAwait(false);
            }
            var client = new GoxelDaemonClient(_options);
            await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
            _all.TryAdd(client, 0);
            return client;
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    /// <summary>Gives a client back to the pool.</summary>
    public void ReturnConnection(GoxelDaemonClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _idle.Add(client);
        _slots.Release();
    }

    /// <summary>Runs <paramref name="work"/> with a pooled client and always gives it back.</summary>
    public async Task<T> UseAsync<T>(Func<GoxelDaemonClient, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var client = await GetConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await work(client).ConfigureAwait(false);
        }
        finally
        {
            ReturnConnection(client);
        }
    }

    /// <summary>Disconnects every connection the pool opened.</summary>
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        foreach (var client in _all.Keys) await client.DisposeAsync().ConfigureAwait(false);
        _all.Clear();
    }
}
