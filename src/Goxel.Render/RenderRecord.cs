namespace Goxel.Render;

/// <summary>A file in the render archive, as get_render_info and list_renders report it.</summary>
/// <param name="Path">Absolute path of the file.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="Format">"png" or "jpeg".</param>
/// <param name="Width">Image width read from the file header.</param>
/// <param name="Height">Image height read from the file header.</param>
/// <param name="Checksum">8 lower-case hex digits, <see cref="RenderChecksum"/>.</param>
/// <param name="CreatedAt">When the file was registered.</param>
/// <param name="ExpiresAt">When cleanup may delete it (created + TTL).</param>
/// <param name="SessionId">The session that asked for it ("auto&lt;unix&gt;" when none was given).</param>
public sealed record RenderRecord(
    string Path, long Size, string Format, int Width, int Height, string Checksum,
    DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string SessionId)
{
    /// <summary><see cref="CreatedAt"/> in Unix seconds, as the wire carries it.</summary>
    public long CreatedAtUnix => CreatedAt.ToUnixTimeSeconds();

    /// <summary><see cref="ExpiresAt"/> in Unix seconds, as the wire carries it.</summary>
    public long ExpiresAtUnix => ExpiresAt.ToUnixTimeSeconds();
}

/// <summary>The counters of get_render_stats (spec section 3.6).</summary>
/// <param name="ActiveRenders">Files currently registered.</param>
/// <param name="TotalRenders">Files ever registered.</param>
/// <param name="TotalCleanups">Sweeps run (timer or explicit).</param>
/// <param name="CurrentCacheSize">Bytes of registered files.</param>
/// <param name="MaxCacheSize">The size cap in bytes.</param>
/// <param name="CacheUsagePercent">CurrentCacheSize / MaxCacheSize, from 0 to 1.</param>
/// <param name="FilesCleaned">Files deleted by sweeps, eviction or explicit cleanup.</param>
/// <param name="BytesFreed">Bytes of those files.</param>
/// <param name="SecurityViolations">Requests naming a path outside the archive directory.</param>
/// <param name="CleanupThreadActive">True while the periodic sweep is scheduled.</param>
/// <param name="LastCleanup">When the last sweep ran, if any.</param>
/// <param name="NextCleanup">When the next sweep is due, if scheduled.</param>
public sealed record RenderArchiveStats(
    int ActiveRenders, long TotalRenders, long TotalCleanups, long CurrentCacheSize, long MaxCacheSize,
    double CacheUsagePercent, long FilesCleaned, long BytesFreed, long SecurityViolations,
    bool CleanupThreadActive, DateTimeOffset? LastCleanup, DateTimeOffset? NextCleanup);
