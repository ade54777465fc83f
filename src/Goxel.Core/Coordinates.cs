namespace Goxel.Core;

/// <summary>
/// The valid coordinate range: every component within ±<see cref="Limit"/>. Chosen so a box
/// over all of it still has an int32 size (2 × Limit + 1 = int.MaxValue), block origins stay
/// inside .gox's ±2^30, and mesh and box arithmetic cannot overflow.
/// </summary>
public static class Coordinates
{
    /// <summary>The largest magnitude of a coordinate: 2^30 - 1.</summary>
    public const int Limit = (1 << 30) - 1;

    /// <summary>The whole valid space as a box.</summary>
    public static readonly VoxelBox Space = new(new Int3(-Limit, -Limit, -Limit), new Int3(Limit, Limit, Limit));

    /// <summary>True when every component of <paramref name="p"/> is in range.</summary>
    public static bool Contains(Int3 p) => Space.Contains(p.X, p.Y, p.Z);
}
