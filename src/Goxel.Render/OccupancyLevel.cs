using Goxel.Core;

namespace Goxel.Render;

/// <summary>
/// Which cells of one coarse level hold at least one block. Dense (one byte per cell) while the
/// level's box is small enough, a hash set beyond that, so memory stays bounded however far apart
/// the voxels are.
/// </summary>
internal sealed class OccupancyLevel
{
    /// <summary>Largest dense table, in cells (8 MiB).</summary>
    public const long MaxDenseCells = 8L << 20;

    private readonly byte[]? _dense;
    private readonly HashSet<Int3>? _sparse;
    private readonly int _nx, _ny, _nz;

    public OccupancyLevel(IEnumerable<Int3> occupied, Int3 min, Int3 max)
    {
        Min = min;
        Max = max;
        BoxCells = CellBox.Count(min, max);
        if (BoxCells <= MaxDenseCells)
        {
            _nx = max.X - min.X + 1;
            _ny = max.Y - min.Y + 1;
            _nz = max.Z - min.Z + 1;
            _dense = new byte[_nx * _ny * _nz];
            foreach (var c in occupied) _dense[Index(c.X - min.X, c.Y - min.Y, c.Z - min.Z)] = 1;
        }
        else
        {
            _sparse = [.. occupied];
        }
    }

    /// <summary>Smallest occupied cell coordinate on each axis.</summary>
    public Int3 Min { get; }

    /// <summary>Largest occupied cell coordinate on each axis.</summary>
    public Int3 Max { get; }

    /// <summary>Cells in the level's box (saturating).</summary>
    public long BoxCells { get; }

    public bool Has(int x, int y, int z)
    {
        if (_dense is null) return _sparse!.Contains(new Int3(x, y, z));
        x -= Min.X;
        y -= Min.Y;
        z -= Min.Z;
        if ((uint)x >= (uint)_nx || (uint)y >= (uint)_ny || (uint)z >= (uint)_nz) return false;
        return _dense[Index(x, y, z)] != 0;
    }

    private int Index(int x, int y, int z) => (z * _ny + y) * _nx + x;
}
