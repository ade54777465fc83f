namespace Goxel.Core;

/// <summary>
/// The blocks one undo step changed in a volume, as they were on the other side of the step:
/// before it (in the undo list) or after it (in the redo list). Null means "no block there".
/// </summary>
public sealed class BlockJournal
{
    private readonly Dictionary<Int3, Block?> _blocks;

    internal BlockJournal(Dictionary<Int3, Block?> blocks) => _blocks = blocks;

    /// <summary>Block coordinates the step touched.</summary>
    public IReadOnlyCollection<Int3> Keys => _blocks.Keys;

    /// <summary>Approximate bytes this journal keeps alive (cell arrays of the blocks it holds).</summary>
    public long MemoryBytes => _blocks.Count * 64L + _blocks.Values.Sum(b => b is { IsUniform: false } ? Block.CellCount * sizeof(uint) : 0L);

    internal Block? Take(Int3 key, Block? replacement)
    {
        var block = _blocks[key];
        _blocks[key] = replacement;
        return block;
    }
}
