using System.Runtime;
using Goxel.Daemon.Configuration;
using Goxel.Render;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Goxel.Daemon.Projects;

/// <summary>
/// performance.gc_threshold_mb: once a second (the paging loop's rhythm; reading the heap size
/// is one call, so no request pays for it) the managed heap is compared with the threshold. Past
/// it the render caches are emptied and the garbage collected; if the heap is still past it, the
/// oldest undo steps of the least recently used projects are dropped until their bytes cover the
/// excess; then the heap is compacted (the large object heap too) and the log says what was freed.
/// On the same tick, limits.undo_total_mb bounds the undo history of all projects together the
/// same way (least recently used projects' oldest steps first), without collecting.
/// </summary>
internal sealed class MemoryWatch(ProjectStore store, RenderCache cache, CurrentSettings current, ILogger<MemoryWatch> logger) : BackgroundService
{
    // Set once the warning that nothing is left to drop was logged; cleared below the threshold.
    private bool _warned;

    // Each project's undo bytes as last read with its gate free: one busy at a tick counts with that.
    private Dictionary<OpenProject, long> _undoSeen = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken)) Check(current.Value.GcThresholdBytes);
    }

    /// <summary>Trims when the managed heap is past <paramref name="threshold"/> bytes (0: never).</summary>
    private void Check(long threshold)
    {
        BoundUndo(current.Value.UndoTotalBytes);
        if (threshold <= 0) return;
        var before = GC.GetTotalMemory(false);
        if (before <= threshold)
        {
            _warned = false;
            return;
        }
        // A heap the projects themselves keep past the threshold must not cost a full compaction
        // every second: only collect when there is something to drop (unlocked reads; a stale
        // count only moves the trim by a tick).
        if (cache.Bytes == 0 && !store.All.Any(p => p.UndoSteps > 0))
        {
            if (!_warned)
                logger.LogWarning("memory: managed heap {Before} MB is past performance.gc_threshold_mb ({Threshold} MB) with no render cache or undo step left to drop",
                    before >> 20, threshold >> 20);
            _warned = true;
            return;
        }
        var cacheBytes = cache.Clear();
        GC.Collect();
        var excess = GC.GetTotalMemory(false) - threshold;
        var (steps, undoBytes, projects) = excess > 0 ? TrimUndo(excess) : (0, 0L, 0);
        // Every project with history was busy: try again next tick rather than compact for nothing.
        if (cacheBytes == 0 && steps == 0) return;
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        logger.LogInformation(
            "memory: managed heap {Before} MB passed performance.gc_threshold_mb ({Threshold} MB): freed {CacheBytes} bytes of render caches and {Steps} undo steps ({UndoBytes} bytes) of {Projects} projects; heap now {After} MB",
            before >> 20, threshold >> 20, cacheBytes, steps, undoBytes, projects, GC.GetTotalMemory(false) >> 20);
    }

    /// <summary>Trims the undo history of all projects in memory to <paramref name="total"/> bytes (0: no bound).</summary>
    private void BoundUndo(long total)
    {
        if (total <= 0) return;
        var seen = new Dictionary<OpenProject, long>(_undoSeen.Count);
        long bytes = 0;
        foreach (var open in store.All)
        {
            if (!open.IsLoaded) continue;
            var undo = _undoSeen.GetValueOrDefault(open);
            if (open.Gate.TryEnter())
            {
                try
                {
                    undo = open.IsLoaded ? open.Project.History.MemoryBytes : 0;
                }
                finally
                {
                    open.Gate.Exit();
                }
            }
            seen[open] = undo;
            bytes += undo;
        }
        _undoSeen = seen;
        if (bytes <= total) return;
        var (steps, freed, projects) = TrimUndo(bytes - total);
        logger.LogDebug("memory: undo history {Bytes} bytes passed limits.undo_total_mb ({Total} MB): dropped {Steps} steps ({Freed} bytes) of {Projects} projects",
            bytes, total >> 20, steps, freed, projects);
    }

    /// <summary>Drops oldest undo steps, least recently used projects first, until <paramref name="excess"/> bytes are freed.</summary>
    private (int Steps, long Bytes, int Projects) TrimUndo(long excess)
    {
        int steps = 0, projects = 0;
        long bytes = 0;
        foreach (var open in store.All.OrderBy(p => p.LastUsed))
        {
            if (bytes >= excess) break;
            // A project busy with a request keeps its history this time; never read one back to trim it.
            if (!open.IsLoaded || !open.Gate.TryEnter()) continue;
            try
            {
                if (!open.IsLoaded) continue;
                var (dropped, freed) = open.Project.History.TrimOldest(excess - bytes);
                if (dropped == 0) continue;
                steps += dropped;
                bytes += freed;
                projects++;
            }
            finally
            {
                open.Gate.Exit();
            }
        }
        return (steps, bytes, projects);
    }
}
