using System.Numerics;
using Goxel.Core;

namespace Goxel.Formats.Gox;

/// <summary>
/// Goxel's column-major float[16] matrices. Read in order into System.Numerics' row-vector
/// layout they give the same transform, with the translation in M41..M43.
/// </summary>
internal static class GoxMatrix
{
    public static Matrix4x4 FromFloats(ReadOnlySpan<float> f) =>
        new(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12], f[13], f[14], f[15]);

    public static float[] ToFloats(Matrix4x4 m) =>
        [m.M11, m.M12, m.M13, m.M14, m.M21, m.M22, m.M23, m.M24, m.M31, m.M32, m.M33, m.M34, m.M41, m.M42, m.M43, m.M44];

    /// <summary>
    /// A Goxel box (maps the cube [-1,1]^3: axes are half extents, translation the centre) as
    /// inclusive cells; null for Goxel's "null box" or a degenerate one.
    /// </summary>
    public static VoxelBox? ToCells(Matrix4x4 box)
    {
        if (box.M44 == 0) return null;
        var half = new Vector3(new Vector3(box.M11, box.M12, box.M13).Length(), new Vector3(box.M21, box.M22, box.M23).Length(), new Vector3(box.M31, box.M32, box.M33).Length());
        var centre = new Vector3(box.M41, box.M42, box.M43);
        var lo = centre - half;
        var hi = centre + half;
        if (!float.IsFinite(lo.X + lo.Y + lo.Z + hi.X + hi.Y + hi.Z) || Math.Abs(lo.X) > 1e9 || Math.Abs(hi.X) > 1e9 ||
            Math.Abs(lo.Y) > 1e9 || Math.Abs(hi.Y) > 1e9 || Math.Abs(lo.Z) > 1e9 || Math.Abs(hi.Z) > 1e9) return null;
        var cells = new VoxelBox(
            new Int3((int)MathF.Round(lo.X), (int)MathF.Round(lo.Y), (int)MathF.Round(lo.Z)),
            new Int3((int)MathF.Round(hi.X) - 1, (int)MathF.Round(hi.Y) - 1, (int)MathF.Round(hi.Z) - 1));
        return cells.IsValid ? cells : null;
    }

    /// <summary>Inclusive cells as a Goxel box matrix.</summary>
    public static Matrix4x4 FromCells(VoxelBox cells)
    {
        var size = cells.Size;
        var m = Matrix4x4.Identity;
        m.M11 = size.X / 2f;
        m.M22 = size.Y / 2f;
        m.M33 = size.Z / 2f;
        m.M41 = cells.Min.X + size.X / 2f;
        m.M42 = cells.Min.Y + size.Y / 2f;
        m.M43 = cells.Min.Z + size.Z / 2f;
        return m;
    }
}
