namespace Goxel.Core;

/// <summary>Walks the non-empty cells of a volume block by block, x fastest inside a block.</summary>
public struct VoxelEnumerator
{
    private Dictionary<Int3, Block>.Enumerator _blocks;
    private Block? _block;
    private Int3 _origin;
    private int _index;

    internal VoxelEnumerator(Dictionary<Int3, Block> blocks)
    {
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
            while (_block is not null && ++_index < Block.CellCount)
            {
                var value = _block.PackedAt(_index);
                if (value == 0) continue;
                Current = new Voxel(
                    new Int3(_origin.X + (_index & Block.Mask), _origin.Y + ((_index >> Block.Shift) & Block.Mask), _origin.Z + (_index >> (2 * Block.Shift))),
                    Rgba.FromPacked(value));
                return true;
            }
            if (!_blocks.MoveNext()) return false;
            var (key, block) = _blocks.Current;
            _block = block;
            _origin = new Int3(key.X << Block.Shift, key.Y << Block.Shift, key.Z << Block.Shift);
            _index = -1;
        }
    }

    /// <summary>Enables foreach over the enumerator itself.</summary>
    public readonly VoxelEnumerator GetEnumerator() => this;
}
