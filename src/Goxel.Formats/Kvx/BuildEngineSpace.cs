using Goxel.Core;

namespace Goxel.Formats.Kvx;

/// <summary>
/// Conventions shared by Ken Silverman's SLAB6 formats (.kvx and the headerless .vox): palettes
/// of 6-bit RGB, and y and z axes that point the other way from Goxel's (z down).
/// </summary>
internal static class BuildEngineSpace
{
    /// <summary>256 RGB triples of 0..63 scaled to 0..255 (upstream rounds v * 255 / 63).</summary>
    public static Rgba[] SixBitPalette(ReadOnlySpan<byte> rgb)
    {
        var palette = new Rgba[256];
        for (var i = 0; i < 256; i++)
            palette[i] = new Rgba(Scale(rgb[3 * i]), Scale(rgb[3 * i + 1]), Scale(rgb[3 * i + 2]), 255);
        return palette;
    }

    /// <summary>
    /// The Goxel cell of SLAB6 cell (x, y, z) in a model of height h and depth d, with the pivot
    /// (in SLAB6 coordinates, voxel units) moved to the origin. Pivots often sit on half voxels,
    /// which then fall exactly on cell centres.
    /// </summary>
    public static Int3 ToGoxel(int x, int y, int z, long h, long d, double px, double py, double pz) =>
        new(Cell(x, px), Cell((int)(h - 1 - y), h - py), Cell((int)(d - 1 - z), d - pz));

    private static int Cell(int v, double pivot) => (int)Math.Floor(v + 0.5 - pivot);

    private static byte Scale(byte v) => (byte)Math.Clamp(Math.Round(v * 255 / 63.0), 0, 255);
}
