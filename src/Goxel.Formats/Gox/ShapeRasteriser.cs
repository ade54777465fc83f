using System.Numerics;
using Goxel.Core;

namespace Goxel.Formats.Gox;

/// <summary>The solids a .gox shape layer can hold.</summary>
internal enum ShapeKind { Sphere, Cube, Cylinder }

/// <summary>
/// Rebuilds the voxels of a .gox shape layer the way upstream's volume_op does with smoothness 0
/// and mode OVER: a voxel is filled when the shape's signed distance at its centre is &gt;= 0,
/// clipped (half-open, on centres) to the image box.
/// </summary>
internal static class ShapeRasteriser
{
    public static ShapeKind? Parse(string? name) => name switch
    {
        "sphere" => ShapeKind.Sphere,
        "cube" => ShapeKind.Cube,
        "cylinder" => ShapeKind.Cylinder,
        _ => null,
    };

    public static void Fill(Volume volume, ShapeKind shape, Matrix4x4 box, Rgba color, VoxelBox clip)
    {
        var axes = new[] { new Vector3(box.M11, box.M12, box.M13), new Vector3(box.M21, box.M22, box.M23), new Vector3(box.M31, box.M32, box.M33) };
        var size = new Vector3(axes[0].Length(), axes[1].Length(), axes[2].Length());
        if (size.X == 0 || size.Y == 0 || size.Z == 0 || !float.IsFinite(size.X + size.Y + size.Z)) return;
        var unit = box;
        unit.M11 /= size.X; unit.M12 /= size.X; unit.M13 /= size.X;
        unit.M21 /= size.Y; unit.M22 /= size.Y; unit.M23 /= size.Y;
        unit.M31 /= size.Z; unit.M32 /= size.Z; unit.M33 /= size.Z;
        if (!Matrix4x4.Invert(unit, out var toLocal)) return;

        var centre = new Vector3(box.M41, box.M42, box.M43);
        var reach = Vector3.Abs(axes[0]) + Vector3.Abs(axes[1]) + Vector3.Abs(axes[2]);
        var lo = centre - reach;
        var hi = centre + reach;
        if (!float.IsFinite(lo.X + lo.Y + lo.Z + hi.X + hi.Y + hi.Z)) return;
        var cells = new VoxelBox(
            new Int3(Cell(MathF.Floor(lo.X)), Cell(MathF.Floor(lo.Y)), Cell(MathF.Floor(lo.Z))),
            new Int3(Cell(MathF.Ceiling(hi.X)), Cell(MathF.Ceiling(hi.Y)), Cell(MathF.Ceiling(hi.Z)))).Intersect(clip);
        if (!cells.IsValid || cells.CellCount > Limits.MaxDenseCells) return;

        for (var z = cells.Min.Z; z <= cells.Max.Z; z++)
        for (var y = cells.Min.Y; y <= cells.Max.Y; y++)
        for (var x = cells.Min.X; x <= cells.Max.X; x++)
        {
            var q = Vector3.Transform(new Vector3(x + 0.5f, y + 0.5f, z + 0.5f), toLocal);
            var k = shape switch
            {
                ShapeKind.Sphere => Sphere(q, size),
                ShapeKind.Cube => Cube(q, size),
                _ => Cylinder(q, size),
            };
            if (k < 0) continue;
            var below = volume.Get(x, y, z);
            volume.Set(x, y, z, ColorBlend.Over(below, color));
        }
    }

    private static int Cell(float v) => (int)Math.Clamp(v, -1e9f, 1e9f);

    // Distance to the ellipsoid surface along the ray from the centre through q.
    private static float Sphere(Vector3 q, Vector3 s)
    {
        var d = q.Length();
        if (d == 0) return MathF.Max(s.X, MathF.Max(s.Y, s.Z));
        var r = s.X * s.Y * s.Z / new Vector3(s.Y * s.Z * q.X / d, s.X * s.Z * q.Y / d, s.X * s.Y * q.Z / d).Length();
        return r - d;
    }

    // With smoothness 0 a cube is a half-open box test.
    private static float Cube(Vector3 q, Vector3 s) =>
        q.X >= -s.X && q.X < s.X && q.Y >= -s.Y && q.Y < s.Y && q.Z >= -s.Z && q.Z < s.Z ? float.PositiveInfinity : float.NegativeInfinity;

    private static float Cylinder(Vector3 q, Vector3 s)
    {
        var rz = s.Z - MathF.Abs(q.Z);
        var d = MathF.Sqrt(q.X * q.X + q.Y * q.Y);
        if (d == 0) return MathF.Min(rz, MathF.Max(s.X, MathF.Max(s.Y, s.Z)));
        var r = s.X * s.Y / new Vector2(s.Y * q.X / d, s.X * q.Y / d).Length();
        return MathF.Min(rz, r - d);
    }
}
