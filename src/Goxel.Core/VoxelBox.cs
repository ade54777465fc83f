namespace Goxel.Core;

/// <summary>An axis-aligned box of cells, inclusive on both ends.</summary>
public readonly record struct VoxelBox(Int3 Min, Int3 Max)
{
    /// <summary>True when the box holds at least one cell.</summary>
    public bool IsValid => Min.X <= Max.X && Min.Y <= Max.Y && Min.Z <= Max.Z;

    /// <summary>Cells along each axis (max - min + 1).</summary>
    public Int3 Size => new(Max.X - Min.X + 1, Max.Y - Min.Y + 1, Max.Z - Min.Z + 1);

    /// <summary>Number of cells, as a 64-bit count since boxes may be huge (saturates instead of overflowing).</summary>
    public long CellCount
    {
        get
        {
            if (!IsValid) return 0;
            long x = (long)Max.X - Min.X + 1, y = (long)Max.Y - Min.Y + 1, z = (long)Max.Z - Min.Z + 1;
            if (x > long.MaxValue / y) return long.MaxValue;
            var xy = x * y;
            return xy > long.MaxValue / z ? long.MaxValue : xy * z;
        }
    }

    /// <summary>True when the cell lies inside the box.</summary>
    public bool Contains(int x, int y, int z) =>
        x >= Min.X && x <= Max.X && y >= Min.Y && y <= Max.Y && z >= Min.Z && z <= Max.Z;

    /// <summary>The smallest box holding both.</summary>
    public VoxelBox Union(VoxelBox other) => new(Int3.Min(Min, other.Min), Int3.Max(Max, other.Max));

    /// <summary>The overlap of two boxes (possibly invalid when they do not meet).</summary>
    public VoxelBox Intersect(VoxelBox other) => new(Int3.Max(Min, other.Min), Int3.Min(Max, other.Max));

    /// <summary>A box from two corners given in any order.</summary>
    public static VoxelBox FromCorners(Int3 a, Int3 b) => new(Int3.Min(a, b), Int3.Max(a, b));
}
