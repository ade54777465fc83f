namespace Goxel.Core;

/// <summary>Goxel's colour blending (reference goxel-core.md 3.2).</summary>
public static class ColorBlend
{
    /// <summary>
    /// Source over destination, Goxel's OVER mode: colour weighted by alpha, integer division,
    /// destination kept when both are transparent.
    /// </summary>
    public static Rgba Over(Rgba dst, Rgba src)
    {
        if (src.A == 0) return dst;
        if (src.A == 255 || dst.A == 0) return src;
        var ws = 255 * src.A;
        var wd = dst.A * (255 - src.A);
        var denominator = ws + wd;
        byte Mix(byte s, byte d) => (byte)((s * ws + d * wd) / denominator);
        return new Rgba(Mix(src.R, dst.R), Mix(src.G, dst.G), Mix(src.B, dst.B), (byte)(src.A + dst.A * (255 - src.A) / 255));
    }

    /// <summary>Blends every voxel of <paramref name="source"/> over <paramref name="target"/>.</summary>
    public static void MergeOver(Volume target, Volume source)
    {
        foreach (var voxel in source)
            target.Set(voxel.Position, Over(target.Get(voxel.Position), voxel.Color));
    }
}
