using Goxel.Core;
using Goxel.Daemon.Projects;

namespace Goxel.Daemon.Monitoring;

/// <summary>
/// Where the daemon's memory is: the process's resident set, the managed heap, and what the
/// open projects hold, by block form (<see cref="BlockKind"/>), with their undo history and the
/// registered caches.
/// </summary>
internal sealed class MemoryFigures
{
    // A project busy past this (a long script) is left out rather than waited for.
    private static readonly TimeSpan ProjectWait = TimeSpan.FromMilliseconds(50);

    /// <summary>Resident set size, from /proc/self/statm (0 where there is no /proc).</summary>
    public long RssBytes { get; private init; }

    /// <summary>Bytes in the managed heap.</summary>
    public long GcHeapBytes { get; private init; }

    /// <summary>Blocks by form, indexed by <see cref="BlockKind"/>.</summary>
    public long[] Blocks { get; } = new long[4];

    /// <summary>Bytes of those blocks by form.</summary>
    public long[] BlockBytes { get; } = new long[4];

    /// <summary>Voxels in the projects counted.</summary>
    public long Voxels { get; private set; }

    /// <summary>Bytes of the projects' volumes and undo history (<see cref="Project.MemoryBytes"/>).</summary>
    public long ProjectBytes { get; private set; }

    /// <summary>Bytes of undo history.</summary>
    public long UndoBytes { get; private set; }

    /// <summary>Bytes held by registered caches.</summary>
    public long CacheBytes { get; private init; }

    /// <summary>Projects in memory that were counted.</summary>
    public int ProjectsCounted { get; private set; }

    /// <summary>Projects in memory left out because a long edit held them.</summary>
    public int ProjectsBusy { get; private set; }

    /// <summary>Volume bytes per voxel over every project counted (0 with no voxels).</summary>
    public double BytesPerVoxel => Voxels == 0 ? 0 : (ProjectBytes - UndoBytes) / (double)Voxels;

    /// <summary>Reads the figures now: O(blocks) under each project's lock in turn.</summary>
    public static MemoryFigures Gather(ProjectStore projects, DaemonMetrics metrics)
    {
        var figures = new MemoryFigures
        {
            RssBytes = ResidentBytes(),
            GcHeapBytes = GC.GetTotalMemory(forceFullCollection: false),
            CacheBytes = metrics.Caches.Sum(c => c.Bytes),
        };
        foreach (var open in projects.All)
        {
            if (!open.IsLoaded) continue;
            if (!open.Gate.TryEnter(ProjectWait))
            {
                figures.ProjectsBusy++;
                continue;
            }
            try
            {
                // Paged out while we waited: nothing in memory to count.
                if (open.IsLoaded) figures.Count(open.Project);
            }
            finally
            {
                open.Gate.Exit();
            }
        }
        return figures;
    }

    private void Count(Project project)
    {
        ProjectsCounted++;
        ProjectBytes += project.MemoryBytes;
        UndoBytes += project.History.MemoryBytes;
        foreach (var layer in project.Layers)
        {
            Voxels += layer.Volume.VoxelCount;
            foreach (var block in layer.Volume.Blocks.Values)
            {
                Blocks[(int)block.Kind]++;
                BlockBytes[(int)block.Kind] += block.MemoryBytes;
            }
        }
    }

    /// <summary>The resident pages (second field of /proc/self/statm) times the page size.</summary>
    public static long ResidentBytes()
    {
        try
        {
            var fields = File.ReadAllText("/proc/self/statm").Split(' ');
            return long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) * Environment.SystemPageSize;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }

    /// <summary>The report name of a block form.</summary>
    public static string Name(BlockKind kind) => kind.ToString().ToLowerInvariant();
}
