using System.Collections.Concurrent;

namespace Goxel.Client;

/// <summary>The guide's ResponseCache: values with a time to live (5 s by default), invalidated by key substring.</summary>
public sealed class ResponseCache(TimeProvider? time = null)
{
    /// <summary>The guide's default TTL.</summary>
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Entries held, including expired ones not yet looked at.</summary>
    public int Count => _entries.Count;

    /// <summary>The value, or false when absent or expired (an expired entry is dropped).</summary>
    public bool TryGet<T>(string key, out T value)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            if (_time.GetUtcNow() - entry.Stored <= entry.Ttl && entry.Value is T typed)
            {
                value = typed;
                return true;
            }
            _entries.TryRemove(key, out _);
        }
        value = default!;
        return false;
    }

    /// <summary>Stores a value for <paramref name="ttl"/> (default <see cref="DefaultTtl"/>).</summary>
    public void Set<T>(string key, T value, TimeSpan? ttl = null) => _entries[key] = new Entry(value, _time.GetUtcNow(), ttl ?? DefaultTtl);

    /// <summary>The cached value, or the fetched one (then cached).</summary>
    public async Task<T> GetOrFetchAsync<T>(string key, Func<Task<T>> fetch, TimeSpan? ttl = null)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        if (TryGet<T>(key, out var hit)) return hit;
        var value = await fetch().ConfigureAwait(false);
        Set(key, value, ttl);
        return value;
    }

    /// <summary>Drops one key.</summary>
    public void Remove(string key) => _entries.TryRemove(key, out _);

    /// <summary>Drops every key containing <paramref name="pattern"/>.</summary>
    public void Invalidate(string pattern)
    {
        foreach (var key in _entries.Keys)
            if (key.Contains(pattern, StringComparison.Ordinal)) _entries.TryRemove(key, out _);
    }

    /// <summary>Drops everything.</summary>
    public void Clear() => _entries.Clear();

    private sealed record Entry(object? Value, DateTimeOffset Stored, TimeSpan Ttl);
}
