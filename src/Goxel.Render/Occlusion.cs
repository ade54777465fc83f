using System.Runtime.CompilerServices;

namespace Goxel.Render;

/// <summary>
/// Upstream's ambient occlusion (render.c init_occlusion_texture): an atlas of 256 tiles of 8x8
/// texels, one per neighbour mask, each texel the square root of the distance from its centre to
/// the nearest touching edge or corner (capped at 1), stored in 8 bits and read with bilinear
/// filtering between texel centres. The face's (u, v) in [0, 1] covers the texel centres of its
/// tile, so the darkest value sits exactly at a touching edge. The 8-bit mask holds corners in bits
/// 0-3 and edges in bits 4-7; corner i is (0,0), (1,0), (1,1), (0,1) in (u, v); edge i starts at
/// corner i (v = 0, u = 1, v = 1, u = 0).
/// </summary>
internal static class Occlusion
{
    private const int Texels = 8;
    private static readonly float[] Atlas = BuildAtlas();

    /// <summary>The occlusion factor (0 dark, 1 open) at (u, v) of a face with this mask.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float At(int mask, float u, float v)
    {
        // GL_LINEAR between the texel centres the face's corners map to.
        var x = (u < 0f ? 0f : u > 1f ? 1f : u) * (Texels - 1);
        var y = (v < 0f ? 0f : v > 1f ? 1f : v) * (Texels - 1);
        int x0 = Math.Min((int)x, Texels - 2), y0 = Math.Min((int)y, Texels - 2);
        float fx = x - x0, fy = y - y0;
        var tile = mask * Texels * Texels;
        var row0 = tile + y0 * Texels + x0;
        var row1 = row0 + Texels;
        var top = Atlas[row0] + (Atlas[row0 + 1] - Atlas[row0]) * fx;
        var bottom = Atlas[row1] + (Atlas[row1 + 1] - Atlas[row1]) * fx;
        return top + (bottom - top) * fy;
    }

    private static float[] BuildAtlas()
    {
        var atlas = new float[256 * Texels * Texels];
        for (var mask = 0; mask < 256; mask++)
        for (var y = 0; y < Texels; y++)
        for (var x = 0; x < Texels; x++)
        {
            var d = Distance(mask, (x + 0.5f) / Texels, (y + 0.5f) / Texels);
            // Stored as an 8-bit luminance texture upstream.
            atlas[(mask * Texels + y) * Texels + x] = (int)(255 * MathF.Sqrt(d)) / 255f;
        }
        return atlas;
    }

    private static float Distance(int mask, float u, float v)
    {
        var d = 1f;
        if ((mask & 0x10) != 0) d = Math.Min(d, v);
        if ((mask & 0x20) != 0) d = Math.Min(d, 1f - u);
        if ((mask & 0x40) != 0) d = Math.Min(d, 1f - v);
        if ((mask & 0x80) != 0) d = Math.Min(d, u);
        if ((mask & 0x01) != 0) d = Math.Min(d, Length(u, v));
        if ((mask & 0x02) != 0) d = Math.Min(d, Length(1f - u, v));
        if ((mask & 0x04) != 0) d = Math.Min(d, Length(1f - u, 1f - v));
        if ((mask & 0x08) != 0) d = Math.Min(d, Length(u, 1f - v));
        return d;
    }

    /// <summary>
    /// The mask of the face of cell (x, y, z) whose outward normal is <paramref name="sign"/> along
    /// <paramref name="axis"/>: the 8 cells around the face's outer neighbour, in the face's plane.
    /// </summary>
    public static int Mask(SceneGrid grid, int x, int y, int z, int axis, int sign)
    {
        Span<int> p = [x, y, z];
        p[axis] += sign;
        int ua = (axis + 1) % 3, va = (axis + 2) % 3;
        var mask = 0;
        for (var i = 0; i < 4; i++)
        {
            // Corner i at (cu, cv) in {-1, +1}; edge i is the side between corners i and i+1.
            int cu = i is 1 or 2 ? 1 : -1, cv = i >= 2 ? 1 : -1;
            if (Solid(grid, p, ua, cu, va, cv)) mask |= 1 << i;
        }
        if (Solid(grid, p, ua, 0, va, -1)) mask |= 0x10;
        if (Solid(grid, p, ua, 1, va, 0)) mask |= 0x20;
        if (Solid(grid, p, ua, 0, va, 1)) mask |= 0x40;
        if (Solid(grid, p, ua, -1, va, 0)) mask |= 0x80;
        return mask;
    }

    private static bool Solid(SceneGrid grid, ReadOnlySpan<int> p, int ua, int du, int va, int dv)
    {
        Span<int> q = [p[0], p[1], p[2]];
        q[ua] += du;
        q[va] += dv;
        return grid.IsSolid(q[0], q[1], q[2]);
    }

    private static float Length(float a, float b) => MathF.Sqrt(a * a + b * b);
}
