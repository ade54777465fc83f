namespace Goxel.Core;

/// <summary>
/// Counts changes to any project's layout: its name, image box, active layer or layer list, or a
/// layer's name, visibility or colour. While the count has not moved, no layout has changed, so
/// "does this project still have the layout I compared?" is answered without comparing again
/// (<see cref="LayoutCheck"/>): undo history and the journal ask it on every edit, and comparing
/// the layers was a fifth of a journaled one-voxel edit's own work (docs/performance.md).
/// </summary>
public static class LayoutEdits
{
    private static long s_count;

    /// <summary>Changes so far (read before comparing, to confirm a match with).</summary>
    public static long Count => Volatile.Read(ref s_count);

    /// <summary>Notes a change (atomically: a lost count could hide one).</summary>
    internal static void Note() => Interlocked.Increment(ref s_count);
}

/// <summary>
/// That one project had a layout someone compared, as of a <see cref="LayoutEdits.Count"/>: it
/// still has it while the count is the same (no layout changed anywhere since).
/// </summary>
public struct LayoutCheck
{
    private Project? _project;
    private long _at;

    /// <summary>True when <paramref name="project"/> was confirmed and no layout changed since.</summary>
    public readonly bool Holds(Project project) => ReferenceEquals(project, _project) && _at == LayoutEdits.Count;

    /// <summary>Records that <paramref name="project"/> had the layout at count <paramref name="at"/> (read before comparing or capturing it).</summary>
    public void Confirm(Project project, long at) => (_project, _at) = (project, at);
}
