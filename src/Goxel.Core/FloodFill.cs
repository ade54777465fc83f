namespace Goxel.Core;

/// <summary>A flood fill would touch more cells than allowed.</summary>
public sealed class FloodFillLimitException(long limit) : Exception($"the region has more than {limit} cells")
{
    /// <summary>The limit that was passed.</summary>
    public long Limit { get; } = limit;
}

/// <summary>Recolours the 6-connected region of cells that share the start cell's colour.</summary>
public static class FloodFill
{
    /// <summary>
    /// Paints the region containing <paramref name="start"/> with <paramref name="color"/> and
    /// returns how many cells changed. Cells outside <paramref name="clip"/> are never visited,
    /// which bounds a fill that starts on an empty cell. Past <paramref name="limit"/> cells it
    /// throws <see cref="FloodFillLimitException"/>, leaving a partly painted region the caller
    /// must roll back (edits run inside a <see cref="History"/> step, which does).
    /// </summary>
    public static long Fill(Volume volume, Int3 start, Rgba color, VoxelBox clip, long limit)
    {
        var target = volume.Get(start);
        var paint = color.A == 0 ? Rgba.Empty : color;
        if (target == paint || !clip.Contains(start.X, start.Y, start.Z)) return 0;
        var pending = new Stack<Int3>();
        long filled = 0;
        Visit(start);
        while (pending.TryPop(out var p))
        {
            Visit(p with { X = p.X + 1 });
            Visit(p with { X = p.X - 1 });
            Visit(p with { Y = p.Y + 1 });
            Visit(p with { Y = p.Y - 1 });
            Visit(p with { Z = p.Z + 1 });
            Visit(p with { Z = p.Z - 1 });
        }
        return filled;

        // Painting on the way in marks the cell visited, so each cell is pushed once.
        void Visit(Int3 p)
        {
            if (!clip.Contains(p.X, p.Y, p.Z) || volume.Get(p) != target) return;
            if (++filled > limit) throw new FloodFillLimitException(limit);
            volume.Set(p, paint);
            pending.Push(p);
        }
    }
}
