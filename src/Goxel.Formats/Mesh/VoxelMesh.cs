using System.Runtime.InteropServices;
using Goxel.Core;

namespace Goxel.Formats.Mesh;

/// <summary>
/// One rectangle of voxel surface: an axis-aligned face of <see cref="Width"/> x
/// <see cref="Height"/> cells on the plane <see cref="Plane"/> of axis <see cref="Axis"/>.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct Quad(int Axis, bool Positive, int Plane, int U, int V, int Width, int Height, Rgba Color)
{
    /// <summary>Face direction 0..5: +X, -X, +Y, -Y, +Z, -Z.</summary>
    public int Direction => 2 * Axis + (Positive ? 0 : 1);

    /// <summary>
    /// The four corners in Goxel coordinates, counter-clockwise seen from outside. The in-plane
    /// axes are the next two after <see cref="Axis"/> (cyclically), so u x v points along +Axis.
    /// </summary>
    public Int3[] Corners()
    {
        var a = At(Axis, Plane, U, V);
        var b = At(Axis, Plane, U + Width, V);
        var c = At(Axis, Plane, U + Width, V + Height);
        var d = At(Axis, Plane, U, V + Height);
        return Positive ? [a, b, c, d] : [a, d, c, b];
    }

    private static Int3 At(int axis, int plane, int u, int v)
    {
        Span<int> p = stackalloc int[3];
        p[axis] = plane;
        p[(axis + 1) % 3] = u;
        p[(axis + 2) % 3] = v;
        return new Int3(p[0], p[1], p[2]);
    }

    /// <summary>The outward normal.</summary>
    public Int3 Normal => Axis switch
    {
        0 => new Int3(Positive ? 1 : -1, 0, 0),
        1 => new Int3(0, Positive ? 1 : -1, 0),
        _ => new Int3(0, 0, Positive ? 1 : -1),
    };
}

/// <summary>The visible surface of a volume as coloured rectangles.</summary>
public sealed class VoxelMesh
{
    internal VoxelMesh(List<Quad> quads) => Quads = quads;

    /// <summary>The rectangles, each two triangles when exported.</summary>
    public IReadOnlyList<Quad> Quads { get; }

    /// <summary>Triangles an export writes (two per quad).</summary>
    public long TriangleCount => 2L * Quads.Count;

    /// <summary>
    /// Meshes the solid voxels (alpha &gt;= 127, as upstream's exporters count them) of
    /// <paramref name="volume"/>: faces between two solid voxels are dropped, and with
    /// <see cref="MeshStyle.Greedy"/> coplanar faces of one colour merge into rectangles.
    /// </summary>
    public static VoxelMesh Build(Volume volume, MeshStyle style) => VoxelMesher.Build(volume, style);
}
