using System.Runtime.CompilerServices;
using Goxel.Core;

namespace Goxel.Render;

/// <summary>
/// Finds the scene block at a block coordinate. Three layouts, chosen by the size of the block
/// box so memory stays bounded however far apart the voxels are: a dense index array (one read),
/// bricks of 4^3 blocks with a dense brick index (two reads; only occupied bricks hold entries),
/// or the hash map.
/// </summary>
internal sealed class BlockTable
{
    /// <summary>Largest dense index, in entries (16 MiB of ints); the same cap applies to the brick index.</summary>
    public const long MaxDenseEntries = 4L << 20;

    private const int BrickShift = 2;
    private const int BrickBlocks = 1 << (3 * BrickShift);

    private readonly int[]? _dense;
    private readonly int[]? _bricks;
    private readonly int[]? _brickCells;
    private readonly Dictionary<Int3, int>? _sparse;
    private readonly Int3 _min;
    private readonly int _nx, _ny, _nz;

    public BlockTable(Dictionary<Int3, int> index, Int3 min, Int3 max)
    {
        if (CellBox.Count(min, max) <= MaxDenseEntries)
        {
            _min = min;
            (_nx, _ny, _nz) = Dimensions(min, max);
            _dense = new int[_nx * _ny * _nz];
            _dense.AsSpan().Fill(-1);
            foreach (var (key, i) in index) _dense[Offset(key.X, key.Y, key.Z)] = i;
            return;
        }
        var brickMin = Brick(min);
        var brickMax = Brick(max);
        if (CellBox.Count(brickMin, brickMax) <= MaxDenseEntries)
        {
            _min = brickMin;
            (_nx, _ny, _nz) = Dimensions(brickMin, brickMax);
            _bricks = new int[_nx * _ny * _nz];
            _bricks.AsSpan().Fill(-1);
            var cells = new List<int>();
            foreach (var (key, i) in index)
            {
                var b = Brick(key);
                ref var slot = ref _bricks[Offset(b.X, b.Y, b.Z)];
                if (slot < 0)
                {
                    slot = cells.Count;
                    for (var k = 0; k < BrickBlocks; k++) cells.Add(-1);
                }
                cells[slot + InBrick(key.X, key.Y, key.Z)] = i;
            }
            _brickCells = [.. cells];
            return;
        }
        _sparse = index;
    }

    /// <summary>True when lookups go through the hash map.</summary>
    public bool IsSparse => _sparse is not null;

    /// <summary>Index of the block at a block coordinate, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(int bx, int by, int bz)
    {
        if (_dense is not null)
        {
            int x = bx - _min.X, y = by - _min.Y, z = bz - _min.Z;
            if ((uint)x >= (uint)_nx || (uint)y >= (uint)_ny || (uint)z >= (uint)_nz) return -1;
            return _dense[(z * _ny + y) * _nx + x];
        }
        if (_bricks is not null)
        {
            int x = (bx >> BrickShift) - _min.X, y = (by >> BrickShift) - _min.Y, z = (bz >> BrickShift) - _min.Z;
            if ((uint)x >= (uint)_nx || (uint)y >= (uint)_ny || (uint)z >= (uint)_nz) return -1;
            var brick = _bricks[(z * _ny + y) * _nx + x];
            return brick < 0 ? -1 : _brickCells![brick + InBrick(bx, by, bz)];
        }
        return _sparse!.TryGetValue(new Int3(bx, by, bz), out var i) ? i : -1;
    }

    private int Offset(int x, int y, int z) => ((z - _min.Z) * _ny + y - _min.Y) * _nx + x - _min.X;

    private static Int3 Brick(Int3 p) => new(p.X >> BrickShift, p.Y >> BrickShift, p.Z >> BrickShift);

    private static int InBrick(int bx, int by, int bz) => (bx & 3) | ((by & 3) << 2) | ((bz & 3) << 4);

    private static (int, int, int) Dimensions(Int3 min, Int3 max) => (max.X - min.X + 1, max.Y - min.Y + 1, max.Z - min.Z + 1);
}
