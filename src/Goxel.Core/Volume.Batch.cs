namespace Goxel.Core;

public sealed partial class Volume
{
    /// <summary>
    /// Writes to one block from a batch at or above which the block is built whole (decoded to
    /// an array, written, encoded once in its cheapest form) rather than cell by cell: a list
    /// growing one entry at a time, then turning palette or dense, costs more than one encoding
    /// of 4096 cells once a block takes a few hundred writes.
    /// </summary>
    public const int WholeBlockWrites = 256;

    /// <summary>
    /// Writes many cells: <paramref name="positions"/> holds x, y, z per voxel and
    /// <paramref name="colors"/> their packed colours (<see cref="Rgba.Packed"/>; alpha 0
    /// empties the cell), applied in order, so a cell written twice keeps the later colour.
    /// </summary>
    /// <remarks>
    /// The voxels are first grouped by block (stable: each block sees its writes in batch order).
    /// A block taking at least <see cref="WholeBlockWrites"/> of them is rebuilt whole and
    /// journaled as a whole block; the others are written cell by cell.
    /// </remarks>
    public void SetMany(ReadOnlySpan<int> positions, ReadOnlySpan<uint> colors)
    {
        if (colors.Length < WholeBlockWrites)
        {
            for (var i = 0; i < colors.Length; i++) WriteAt(positions, colors, i);
            return;
        }
        // One chain of voxel indices per block, in batch order: first[g], next[first[g]], ... -1.
        var groups = new Dictionary<Int3, int>();
        var keys = new Int3[64];
        var first = new int[64];
        var last = new int[64];
        var counts = new int[64];
        var next = new int[colors.Length];
        var lastKey = default(Int3);
        var group = -1;
        for (var i = 0; i < colors.Length; i++)
        {
            var key = BlockOf(positions[i * 3], positions[i * 3 + 1], positions[i * 3 + 2]);
            if (group < 0 || key != lastKey)
            {
                lastKey = key;
                if (!groups.TryGetValue(key, out group))
                {
                    group = groups.Count;
                    groups.Add(key, group);
                    if (group == keys.Length)
                    {
                        Array.Resize(ref keys, 2 * group);
                        Array.Resize(ref first, 2 * group);
                        Array.Resize(ref last, 2 * group);
                        Array.Resize(ref counts, 2 * group);
                    }
                    keys[group] = key;
                    first[group] = i;
                    last[group] = i;
                }
                else next[last[group]] = i;
            }
            else next[last[group]] = i;
            last[group] = i;
            next[i] = -1;
            counts[group]++;
        }
        for (var g = 0; g < groups.Count; g++)
        {
            if (counts[g] >= WholeBlockWrites) WriteBlock(keys[g], positions, colors, first[g], next);
            else
                for (var i = first[g]; i >= 0; i = next[i]) WriteAt(positions, colors, i);
        }
    }

    private void WriteAt(ReadOnlySpan<int> positions, ReadOnlySpan<uint> colors, int i)
    {
        int x = positions[i * 3], y = positions[i * 3 + 1], z = positions[i * 3 + 2];
        Write(BlockOf(x, y, z), Block.Index(x & Block.Mask, y & Block.Mask, z & Block.Mask), colors[i] >> 24 == 0 ? 0u : colors[i]);
    }

    /// <summary>Applies the chain of writes from <paramref name="head"/> to the block at <paramref name="key"/> and stores the result once.</summary>
    private void WriteBlock(Int3 key, ReadOnlySpan<int> positions, ReadOnlySpan<uint> colors, int head, int[] next)
    {
        var old = _blocks.GetValueOrDefault(key);
        Span<uint> cells = stackalloc uint[Block.CellCount];
        if (old is null) cells.Clear();
        else old.CopyTo(cells);
        var count = old?.VoxelCount ?? 0;
        var changed = false;
        for (var i = head; i >= 0; i = next[i])
        {
            var value = colors[i] >> 24 == 0 ? 0u : colors[i];
            ref var cell = ref cells[Block.Index(positions[i * 3] & Block.Mask, positions[i * 3 + 1] & Block.Mask, positions[i * 3 + 2] & Block.Mask)];
            if (cell == value) continue;
            count += (value != 0 ? 1 : 0) - (cell != 0 ? 1 : 0);
            cell = value;
            changed = true;
        }
        // The old block is left as it was (a snapshot or the journal may hold it); the new one replaces it.
        if (changed) ReplaceBlock(key, count == 0 ? null : Block.FromCells(_owner, cells, count));
    }
}
