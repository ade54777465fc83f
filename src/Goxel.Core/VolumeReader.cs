namespace Goxel.Core;

/// <summary>
/// Reads cells of a volume nobody is writing, remembering the last block it touched so runs of
/// nearby reads cost one hash lookup per block. Not shared between threads.
/// </summary>
public struct VolumeReader
{
    private readonly Volume _volume;
    private Int3 _key;
    private Block? _block;
    private bool _cached;

    internal VolumeReader(Volume volume) => _volume = volume;

    /// <summary>The colour at a cell.</summary>
    public Rgba Get(int x, int y, int z) => Rgba.FromPacked(GetPacked(x, y, z));

    /// <summary>The packed colour at a cell; 0 when empty.</summary>
    public uint GetPacked(int x, int y, int z)
    {
        var key = Volume.BlockOf(x, y, z);
        if (!_cached || key != _key)
        {
            _volume.Blocks.TryGetValue(key, out _block);
            _key = key;
            _cached = true;
        }
        return _block?.PackedAt(Block.Index(x & Block.Mask, y & Block.Mask, z & Block.Mask)) ?? 0;
    }
}
