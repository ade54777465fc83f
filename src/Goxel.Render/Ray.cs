using System.Runtime.CompilerServices;

namespace Goxel.Render;

/// <summary>A ray in voxel space with its direction's inverse, for slab tests and DDA steps.</summary>
internal readonly struct Ray
{
    // A zero direction component would make 0 * infinity = NaN in slab tests; a tiny one is harmless.
    private const double Tiny = 1e-12;

    public readonly double Ox, Oy, Oz, Dx, Dy, Dz, Ix, Iy, Iz;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Ray(double ox, double oy, double oz, double dx, double dy, double dz)
    {
        Ox = ox;
        Oy = oy;
        Oz = oz;
        Dx = NonZero(dx);
        Dy = NonZero(dy);
        Dz = NonZero(dz);
        Ix = 1.0 / Dx;
        Iy = 1.0 / Dy;
        Iz = 1.0 / Dz;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double NonZero(double v) => v >= 0 ? (v < Tiny ? Tiny : v) : (v > -Tiny ? -Tiny : v);
}

/// <summary>Where a ray met a solid cell: the cell, the face it entered through, and the distance.</summary>
internal struct Hit
{
    public int X, Y, Z;

    /// <summary>Axis of the face entered: 0 = x, 1 = y, 2 = z.</summary>
    public int Axis;

    /// <summary>Sign of the face normal along <see cref="Axis"/>: +1 or -1.</summary>
    public int Sign;

    public double T;
    public uint Color;
}
