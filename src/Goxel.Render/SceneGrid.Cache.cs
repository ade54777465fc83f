using Goxel.Core;

namespace Goxel.Render;

internal sealed partial class SceneGrid
{
    /// <summary>
    /// The per-block work of a build: the block's cells decoded when <paramref name="decode"/> asks
    /// for it (lists and palettes), its sub-block mask and its solid box. A block of a single layer
    /// is looked up in <paramref name="cache"/> by object first (a snapshot's blocks never change);
    /// blocks merged from overlapping layers are new arrays each render and are not cached.
    /// </summary>
    private static (ulong Mask, SolidBox Box) Prepare(ref RenderBlock block, bool decode, RenderCache? cache)
    {
        if (cache is null || block.Source is not { } source)
        {
            if (decode) block = block.Decoded();
            return Analyze(block);
        }
        var data = cache.FindBlock<BlockRenderData>(source);
        // A held entry read in place still serves a render that decodes: it decodes and updates the entry.
        if (data is null || (decode && data.Cells.IsPacked))
        {
            var cells = decode ? block.Decoded() : block;
            var (mask, box) = data is null ? Analyze(cells) : (data.Mask, data.Box);
            data = new BlockRenderData(cells, mask, box);
            cache.AddBlock(source, data, decodedBytes: cells.Source is null ? Block.CellCount * sizeof(uint) : 0);
        }
        // Decoded cells read faster than a list or palette and hold the same values, so a render
        // that would read in place takes them too.
        block = data.Cells;
        return (data.Mask, data.Box);
    }

    /// <summary>What a build computes for one block, kept in a <see cref="RenderCache"/> across renders.</summary>
    private sealed record BlockRenderData(RenderBlock Cells, ulong Mask, SolidBox Box);
}
