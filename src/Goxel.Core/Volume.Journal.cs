namespace Goxel.Core;

public sealed partial class Volume
{
    // While an undo step is open, every change goes to _history: old cell values, or whole blocks
    // where a block was created, replaced or cleared. Keys in _covered have a block-level entry
    // in this step, so later writes to them need no cell entries.
    private History? _history;
    private HashSet<Int3>? _covered;
    private bool _lastCovered;

    // A set grown past this by one big step is dropped rather than cleared at every later step.
    private const int CoveredKept = 1024;

    /// <summary>
    /// Opens an undo step: from now on the volume tells <paramref name="history"/> what each write
    /// replaces. O(1); a one-voxel edit records one cell, a new block one entry.
    /// </summary>
    internal void BeginJournal(History history)
    {
        _history = history;
        _covered?.Clear();
        _lastBlock = null;
    }

    /// <summary>Closes the undo step.</summary>
    internal void EndJournal()
    {
        _history = null;
        if (_covered is { Count: > CoveredKept }) _covered = null;
        else _covered?.Clear();
        // The last block stays remembered (the journal reads back the cells just written):
        // _lastCovered is only asked while a step is open, and BeginJournal forgets the block.
    }

    private bool IsCovered(Int3 key) => _covered is not null && _covered.Contains(key);

    private void RecordCell(Int3 key, int index, uint old) => _history!.RecordCell(this, new CellChange(key, index, old));

    /// <summary>Records a block (or its absence) about to be replaced as a whole.</summary>
    private void RecordBlock(Int3 key, Block? block)
    {
        if (_history is null || !(_covered ??= []).Add(key)) return;
        _history.RecordBlock(this, key, block);
        if (_lastKey == key) _lastCovered = true;
    }

    /// <summary>Puts a recorded cell value in place and keeps the value it replaced in <paramref name="change"/>.</summary>
    internal void ExchangeCell(ref CellChange change)
    {
        _lastBlock = null;
        var block = change.Value == 0 ? FindWritable(change.Key) : GetOrCreateWritable(change.Key);
        uint old = 0;
        if (block is not null)
        {
            var bytes = block.MemoryBytes;
            old = block.Exchange(change.Index, change.Value);
            _blockBytes += block.MemoryBytes - bytes;
            _voxelCount += (change.Value != 0 ? 1 : 0) - (old != 0 ? 1 : 0);
            if (block.VoxelCount == 0) RemoveBlock(change.Key);
        }
        change.Value = old;
    }

    /// <summary>Puts a recorded block (null: none) at <paramref name="key"/> and keeps the one it replaced in <paramref name="block"/>.</summary>
    internal void ExchangeBlock(Int3 key, ref Block? block)
    {
        _lastBlock = null;
        var current = _blocks.GetValueOrDefault(key);
        if (current is not null)
        {
            _voxelCount -= current.VoxelCount;
            RemoveBlock(key);
        }
        if (block is { } restored) AddBlock(key, restored);
        block = current;
    }
}

/// <summary>
/// One change an undo step recorded: a cell's value (<see cref="Index"/> ≥ 0, a cell of the block
/// at <see cref="Key"/>) or, with <see cref="Index"/> -1, a whole block, kept in the history's
/// block log at the step's first block plus <see cref="Value"/>. Holds the state on the other
/// side of the step; undo and redo swap it with the volume's.
/// </summary>
internal struct CellChange(Int3 key, int index, uint value)
{
    public readonly Int3 Key = key;
    public readonly int Index = index;
    public uint Value = value;
}
