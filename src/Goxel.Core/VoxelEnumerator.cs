namespace Goxel.Core;

/// <summary>Walks the non-empty cells of a volume block by block, x fastest inside a block.</summary>
public struct VoxelEnumerator
{
    private readonly VoxelBox? _region;
    private Dictionary<Int3, Block>.Enumerator _blocks;
    private Block? _block;
    private Int3 _origin;
    private int _index;

    internal VoxelEnumerator(Dictionary<Int3, Block> blocks, VoxelBox? region)
    {
        _region = region;
        _blocks = blocks.GetEnumerator();
        _index = Block.CellCount;
        Current = default;
    }

    /// <summary>The current voxel.</summary>
    public Voxel Current { get; private set; }

    /// <summary>Advances to the next non-empty cell.</summary>
    public bool MoveNext()
    {
        while (true)
        {
            // NextVoxel skips empty cells inside the block (a list visits only its entries).
            while (_block is not null && (_index = _block.NextVoxel(_index + 1, out var value)) >= 0)
            {
                var p = Block.Position(_origin, _index);
                if (_region is { } r && !r.Contains(p.X, p.Y, p.Z)) continue;
                Current = new Voxel(p, Rgba.FromPacked(value));
                return true;
            }
            _block = null;
            if (!_blocks.MoveNext()) return false;
            var (key, block) = _blocks.Current;
            _origin = new Int3(key.X << Block.Shift, key.Y << Block.Shift, key.Z << Block.Shift);
            _block = _region is not { } region || Overlaps(region, _origin) ? block : null;
            _index = -1;
        }
    }

    private static bool Overlaps(VoxelBox region, Int3 origin) =>
        region.Max.X >= origin.X && region.Min.X <= origin.X + Block.Mask
        && region.Max.Y >= origin.Y && region.Min.Y <= origin.Y + Block.Mask
        && region.Max.Z >= origin.Z && region.Min.Z <= origin.Z + Block.Mask;

    /// <summary>Enables foreach over the enumerator itself.</summary>
    public readonly VoxelEnumerator GetEnumerator() => this;
}
