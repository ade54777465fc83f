using Goxel.Core;

namespace Goxel.Render;

/// <summary>
/// What renders can reuse, under one byte bound with least-recently-used eviction: finished
/// pictures, keyed by the project's <see cref="Project.Version"/> and the request, and the per-block
/// render data a scene grid builds (the sub-block mask, the solid box and, for list and palette
/// blocks, their cells decoded), keyed by the <see cref="Block"/> object. Blocks are copy-on-write:
/// a block in a snapshot is never written again, and an edit replaces it with a new object, so an
/// unchanged block is the same object in the next snapshot and a changed one misses.
/// Thread-safe; give one to every <see cref="VoxelRenderer"/> that should share it.
/// </summary>
public sealed class RenderCache
{
    // Per entry besides its payload: the map entry, the list node and the entry object.
    private const long EntryBytes = 160;

    private readonly Lock _gate = new();
    private readonly Dictionary<object, LinkedListNode<Entry>> _entries = [];

    // Least recently used first.
    private readonly LinkedList<Entry> _order = new();
    private RenderCacheLimits _limits;
    private int _renders;
    private int _blocks;
    private long _bytes;
    private long _renderHits;
    private long _renderMisses;
    private long _blockHits;
    private long _blockMisses;

    /// <summary>An empty cache within <paramref name="limits"/>.</summary>
    public RenderCache(RenderCacheLimits limits) => _limits = limits;

    /// <summary>
    /// The bounds in force. Setting smaller ones evicts least recently used entries at once
    /// (a reload of the daemon's settings does this).
    /// </summary>
    public RenderCacheLimits Limits
    {
        get => _limits;
        set
        {
            lock (_gate)
            {
                _limits = value;
                EvictOverLimits();
            }
        }
    }

    /// <summary>Bytes the entries hold: encoded pictures, decoded block cells and per-entry overhead. O(1).</summary>
    public long Bytes => Volatile.Read(ref _bytes);

    /// <summary>Finished pictures held.</summary>
    public int RenderEntries => Volatile.Read(ref _renders);

    /// <summary>Blocks whose render data is held.</summary>
    public int BlockEntries => Volatile.Read(ref _blocks);

    /// <summary>Renders answered from the cache.</summary>
    public long RenderHits => Interlocked.Read(ref _renderHits);

    /// <summary>Renders drawn because no equal one was held (while the render cache is on).</summary>
    public long RenderMisses => Interlocked.Read(ref _renderMisses);

    /// <summary>Blocks whose render data a scene grid took from the cache.</summary>
    public long BlockHits => Interlocked.Read(ref _blockHits);

    /// <summary>Blocks a scene grid had to analyse (while the block cache is on).</summary>
    public long BlockMisses => Interlocked.Read(ref _blockMisses);

    /// <summary>Drops every entry; returns the bytes they held.</summary>
    public long Clear()
    {
        lock (_gate)
        {
            var freed = _bytes;
            _entries.Clear();
            _order.Clear();
            _renders = _blocks = 0;
            _bytes = 0;
            return freed;
        }
    }

    /// <summary>The picture an equal earlier render produced, when held; counts a hit or a miss.</summary>
    internal EncodedRender? FindRender(RenderKey key)
    {
        if (_limits.RenderEntries <= 0) return null;
        var found = Find(key) as EncodedRender;
        Interlocked.Increment(ref found is null ? ref _renderMisses : ref _renderHits);
        return found;
    }

    /// <summary>Keeps a finished picture for later equal requests.</summary>
    internal void AddRender(RenderKey key, EncodedRender render)
    {
        if (_limits.RenderEntries <= 0) return;
        Add(key, render, render.Bytes.Length, isBlock: false);
    }

    /// <summary>The render data a scene grid kept for a block, when held; counts a hit or a miss.</summary>
    internal T? FindBlock<T>(Block block) where T : class
    {
        if (_limits.BlockEntries <= 0) return null;
        var found = Find(block) as T;
        Interlocked.Increment(ref found is null ? ref _blockMisses : ref _blockHits);
        return found;
    }

    /// <summary>Keeps (or replaces) the render data of a block; <paramref name="decodedBytes"/> are the cells it decoded.</summary>
    internal void AddBlock<T>(Block block, T data, long decodedBytes) where T : class
    {
        if (_limits.BlockEntries <= 0) return;
        Add(block, data, decodedBytes, isBlock: true);
    }

    private object? Find(object key)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var node)) return null;
            _order.Remove(node);
            _order.AddLast(node);
            return node.Value.Value;
        }
    }

    private void Add(object key, object value, long payloadBytes, bool isBlock)
    {
        var bytes = payloadBytes + EntryBytes;
        lock (_gate)
        {
            if (bytes > _limits.MaxBytes) return;
            if (_entries.TryGetValue(key, out var old)) Remove(old);
            var node = _order.AddLast(new Entry(key, value, bytes, isBlock));
            _entries.Add(key, node);
            _bytes += bytes;
            if (isBlock) _blocks++;
            else _renders++;
            EvictOverLimits();
        }
    }

    private void EvictOverLimits()
    {
        // Renders and blocks each have their own count; bytes are shared, so the least recently
        // used entry of either kind goes first.
        while (_bytes > _limits.MaxBytes && _order.First is { } oldest) Remove(oldest);
        if (_renders > Math.Max(0, _limits.RenderEntries)) EvictOldest(isBlock: false, _renders - Math.Max(0, _limits.RenderEntries));
        if (_blocks > Math.Max(0, _limits.BlockEntries)) EvictOldest(isBlock: true, _blocks - Math.Max(0, _limits.BlockEntries));
    }

    private void EvictOldest(bool isBlock, int count)
    {
        for (var node = _order.First; node is not null && count > 0;)
        {
            var next = node.Next;
            if (node.Value.IsBlock == isBlock)
            {
                Remove(node);
                count--;
            }
            node = next;
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _order.Remove(node);
        _entries.Remove(node.Value.Key);
        _bytes -= node.Value.Bytes;
        if (node.Value.IsBlock) _blocks--;
        else _renders--;
    }

    private sealed record Entry(object Key, object Value, long Bytes, bool IsBlock);
}

/// <summary>Bounds of a <see cref="RenderCache"/>.</summary>
/// <param name="RenderEntries">Most finished pictures kept; 0 keeps none (performance.render_cache_size).</param>
/// <param name="BlockEntries">Most blocks whose render data is kept; 0 keeps none (performance.block_cache_size).</param>
/// <param name="MaxBytes">Most bytes both kinds hold together (performance.cache_size_mb).</param>
public sealed record RenderCacheLimits(int RenderEntries, int BlockEntries, long MaxBytes);

/// <summary>What identifies a picture: the project's content, the request, the encoding.</summary>
internal readonly record struct RenderKey(long Version, RenderOptions Options, ImageFormat Format, int JpegQuality);
