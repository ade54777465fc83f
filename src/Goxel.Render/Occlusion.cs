namespace Goxel.Render;

/// <summary>
/// Upstream's ambient occlusion (render.c get_border_dist): for a face whose neighbours touch it
/// along edges or at corners, the occlusion at a point of the face is its distance to the nearest
/// touching edge or corner, capped at 1. The 8-bit mask holds corners in bits 0-3 and edges in bits
/// 4-7; corner i is (0,0), (1,0), (1,1), (0,1) in face (u, v); edge i starts at corner i
/// (v = 0, u = 1, v = 1, u = 0).
/// </summary>
internal static class Occlusion
{
    public static float At(int mask, float u, float v)
    {
        var d = 1f;
        if ((mask & 0x10) != 0) d = Math.Min(d, v);
        if ((mask & 0x20) != 0) d = Math.Min(d, 1f - u);
        if ((mask & 0x40) != 0) d = Math.Min(d, 1f - v);
        if ((mask & 0x80) != 0) d = Math.Min(d, u);
        if ((mask & 0x0F) == 0) return d;
        if ((mask & 0x01) != 0) d = Math.Min(d, Distance(u, v));
        if ((mask & 0x02) != 0) d = Math.Min(d, Distance(1f - u, v));
        if ((mask & 0x04) != 0) d = Math.Min(d, Distance(1f - u, 1f - v));
        if ((mask & 0x08) != 0) d = Math.Min(d, Distance(u, 1f - v));
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

    private static float Distance(float a, float b) => MathF.Sqrt(a * a + b * b);
}
