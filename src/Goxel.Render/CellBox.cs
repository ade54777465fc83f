using Goxel.Core;

namespace Goxel.Render;

/// <summary>Sizes of boxes of grid cells that may span the whole 32-bit coordinate range.</summary>
internal static class CellBox
{
    /// <summary>
    /// Cells in the inclusive box [min, max], saturating at <see cref="long.MaxValue"/>: three sides
    /// of 2^28 blocks multiply past 64 bits, and a wrapped count would pick a dense table.
    /// </summary>
    public static long Count(Int3 min, Int3 max)
    {
        var cells = ((double)max.X - min.X + 1) * ((double)max.Y - min.Y + 1) * ((double)max.Z - min.Z + 1);
        return cells >= long.MaxValue ? long.MaxValue : (long)cells;
    }
}
