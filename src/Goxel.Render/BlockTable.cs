using Goxel.Core;

namespace Goxel.Render;

/// <summary>
/// Finds the scene block at a block coordinate: a dense index array while the block box is small
/// enough (the common case, one array read), the hash map otherwise.
/// </summary>
internal sealed class BlockTable
{
    /// <summary>Largest dense index, in entries (16 MiB of ints).</summary>
    public const long MaxDenseEntries = 4L << 20;

    private readonly int[]? _dense;
    private readonly Dictionary<Int3, int>? _sparse;
    private readonly Int3 _min;
    private readonly int _nx, _ny, _nz;

    public BlockTable(Dictionary<Int3, int> index, Int3 min, Int3 max)
    {
        _min = min;
        _nx = max.X - min.X + 1;
        _ny = max.Y - min.Y + 1;
        _nz = max.Z - min.Z + 1;
        if ((long)_nx * _ny * _nz <= MaxDenseEntries)
        {
            _dense = new int[_nx * _ny * _nz];
            _dense.AsSpan().Fill(-1);
            foreach (var (key, i) in index) _dense[((key.Z - min.Z) * _ny + key.Y - min.Y) * _nx + key.X - min.X] = i;
        }
        else
        {
            _sparse = index;
        }
    }

    /// <summary>True when lookups go through the hash map.</summary>
    public bool IsSparse => _dense is null;

    /// <summary>Index of the block at a block coordinate, or -1.</summary>
    public int Find(int bx, int by, int bz)
    {
        if (_dense is null) return _sparse!.TryGetValue(new Int3(bx, by, bz), out var i) ? i : -1;
        bx -= _min.X;
        by -= _min.Y;
        bz -= _min.Z;
        if ((uint)bx >= (uint)_nx || (uint)by >= (uint)_ny || (uint)bz >= (uint)_nz) return -1;
        return _dense[(bz * _ny + by) * _nx + bx];
    }
}
