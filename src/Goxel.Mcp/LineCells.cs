namespace Goxel.Mcp;

/// <summary>The cells of a straight line between two cells, both ends included, with no gaps along the longest axis.</summary>
internal static class LineCells
{
    /// <summary>Longest line one call may draw.</summary>
    public const int MaxCells = 100_000;

    public static List<int[]> Between(int[] from, int[] to)
    {
        long dx = (long)to[0] - from[0], dy = (long)to[1] - from[1], dz = (long)to[2] - from[2];
        var steps = Math.Max(Math.Abs(dx), Math.Max(Math.Abs(dy), Math.Abs(dz)));
        if (steps >= MaxCells) throw new ArgumentException($"line too long: {steps + 1} cells, the limit is {MaxCells}");
        var cells = new List<int[]>((int)steps + 1);
        for (long i = 0; i <= steps; i++)
        {
            // Rounded interpolation: each step advances the longest axis by exactly one cell.
            cells.Add([Along(from[0], dx, i, steps), Along(from[1], dy, i, steps), Along(from[2], dz, i, steps)]);
        }
        return cells;
    }

    private static int Along(int start, long delta, long i, long steps) =>
        steps == 0 ? start : (int)(start + Math.Round((double)delta * i / steps, MidpointRounding.AwayFromZero));
}
