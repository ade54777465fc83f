using Goxel.Core;

namespace Goxel.Render;

/// <summary>
/// The cells of one block of the flattened scene: a block of a single layer, shared with the
/// snapshot (never copied), or a merged array where several visible layers overlap.
/// </summary>
internal readonly struct RenderBlock
{
    private readonly Block? _source;
    private readonly uint[]? _merged;

    public RenderBlock(Block source)
    {
        _source = source;
        _merged = null;
    }

    private RenderBlock(uint[] merged)
    {
        _source = null;
        _merged = merged;
    }

    /// <summary>True when every cell holds <see cref="Uniform"/>.</summary>
    public bool IsUniform => _merged is null && _source!.IsUniform;

    /// <summary>The value of every cell of a uniform block.</summary>
    public uint Uniform => _source!.PackedAt(0);

    /// <summary>The block of a single layer, or null for a merged block.</summary>
    public Block? Source => _source;

    /// <summary>The 4096 packed cells (x fastest) when they are kept one per cell; see <see cref="Block.TryGetDenseCells"/>.</summary>
    public bool TryGetCells(out ReadOnlySpan<uint> cells)
    {
        if (_merged is null) return _source!.TryGetDenseCells(out cells);
        cells = _merged;
        return true;
    }

    /// <summary>True for a block kept as a list or a palette, which reads slower than an array.</summary>
    public bool IsPacked => _merged is null && _source!.Kind is BlockKind.Sparse or BlockKind.Palette;

    /// <summary>The same cells as a plain array (a list or palette block decoded), else this block.</summary>
    public RenderBlock Decoded()
    {
        if (!IsPacked) return this;
        // CopyTo writes every cell: no need to zero the array first.
        var cells = GC.AllocateUninitializedArray<uint>(Block.CellCount);
        _source!.CopyTo(cells);
        return new RenderBlock(cells);
    }

    /// <summary>Writes the 4096 packed cells into <paramref name="destination"/>.</summary>
    public void CopyTo(Span<uint> destination)
    {
        if (_merged is null) _source!.CopyTo(destination);
        else _merged.CopyTo(destination);
    }

    public uint PackedAt(int index) => _merged is not null ? _merged[index] : _source!.PackedAt(index);

    /// <summary>
    /// <paramref name="upper"/> drawn over this block: a non-empty upper cell wins, as when upper
    /// layers are composited over lower ones with opaque colours.
    /// </summary>
    public RenderBlock Under(Block upper)
    {
        if (upper.IsUniform && upper.VoxelCount == Block.CellCount) return new RenderBlock(upper);
        var merged = _merged ?? new uint[Block.CellCount];
        if (_merged is null) _source!.CopyTo(merged);
        if (upper.IsUniform)
        {
            return new RenderBlock(merged);
        }
        Span<uint> cells = stackalloc uint[Block.CellCount];
        upper.CopyTo(cells);
        for (var i = 0; i < merged.Length; i++)
            if (cells[i] != 0) merged[i] = cells[i];
        return new RenderBlock(merged);
    }
}
