using System.Runtime.CompilerServices;

namespace Goxel.Core;

/// <summary>
/// Undo and redo for one project. An edit runs between <see cref="Begin"/> and
/// <see cref="Commit"/> (or <see cref="Abort"/>, which puts everything back: edits are
/// atomic). A step remembers the old values of the cells the edit changed (or whole blocks
/// where it created or replaced blocks) and the layer list, so opening one is O(number of
/// layers). Steps are dropped oldest first when their memory passes the budget.
/// </summary>
/// <remarks>
/// Every edit is a step, so the history is most of what a busy daemon keeps alive. It is kept in
/// four chunked struct logs rather than objects per step: steps, runs (consecutive changes of one
/// volume), cell changes, and the old blocks of block-level changes. A one-voxel edit adds one
/// entry to each of the first three and allocates nothing (a new chunk every 1,024 entries);
/// a step shares the layout of the step before it unless the layer list changed. Undo moves a
/// position back, redo forward; an edit after undo cuts the redo steps off the logs' ends.
/// </remarks>
public sealed class History
{
    private static readonly long StepBytes = Unsafe.SizeOf<Step>();
    private static readonly long RunBytes = Unsafe.SizeOf<VolumeRun>();
    private static readonly long ChangeBytes = Unsafe.SizeOf<CellChange>();
    private static readonly long BlockSlotBytes = IntPtr.Size;

    private readonly ChunkedLog<Step> _steps = new();
    private readonly ChunkedLog<VolumeRun> _runs = new();
    private readonly ChunkedLog<CellChange> _changes = new();
    private readonly ChunkedLog<Block?> _blocks = new();
    private readonly List<Volume> _journaled = [];
    private readonly HistoryChange _view;

    // Steps before _position can be undone, steps from it on redone.
    private long _position;
    private long _bytes;

    // The layout after the last commit, undo or redo: the next step shares it when nothing
    // changed the layer list meanwhile, so a voxel edit captures no layout.
    private ProjectLayout? _layout;

    // The open step: the layout before it, where its entries start in the logs, and the bytes of
    // a layout captured for it.
    private ProjectLayout? _before;
    private long _openRun, _openChange, _openBlock, _openLayoutBytes;

    // That the project had _layout, and _before, as of a count of layout edits: then neither is
    // compared with the project again while no layout changed (LayoutEdits).
    private LayoutCheck _layoutCheck, _beforeCheck;

    /// <summary>An empty history.</summary>
    public History() => _view = new HistoryChange(this);

    /// <summary>Most bytes the steps may keep alive; 0 turns history off.</summary>
    public long BudgetBytes { get; set; } = 256L << 20;

    /// <summary>Steps that can be undone.</summary>
    public int UndoCount => (int)(_position - _steps.Start);

    /// <summary>Steps that can be redone.</summary>
    public int RedoCount => (int)(_steps.End - _position);

    /// <summary>
    /// Bytes the undo and redo steps keep alive: their log entries at their struct sizes, the old
    /// blocks they hold (<see cref="Block.MemoryBytes"/>) and the layouts they captured. Chunks
    /// are allocated 1,024 entries at a time, so up to one partly used chunk per log is not counted.
    /// </summary>
    public long MemoryBytes => Volatile.Read(ref _bytes);

    /// <summary>Opens a step before an edit of <paramref name="project"/>.</summary>
    public void Begin(Project project)
    {
        if (_before is not null) throw new InvalidOperationException("an edit is already open");
        _openLayoutBytes = 0;
        var now = LayoutEdits.Count;
        if (_layout is not null && (_layoutCheck.Holds(project) || _layout.Matches(project))) _before = _layout;
        else
        {
            _before = project.CaptureLayout();
            _openLayoutBytes = LayoutBytes(_before);
        }
        _beforeCheck.Confirm(project, now);
        (_openRun, _openChange, _openBlock) = (_runs.End, _changes.End, _blocks.End);
        // By index: a foreach over the read-only list would box its enumerator on every edit.
        var layers = project.Layers;
        for (var i = 0; i < layers.Count; i++)
        {
            layers[i].Volume.BeginJournal(this);
            _journaled.Add(layers[i].Volume);
        }
    }

    /// <summary>
    /// Closes the step; true when the edit changed anything (it can then be undone). A non-empty
    /// step is first shown to <paramref name="persist"/> (the journal); if that throws, the edit
    /// is rolled back and the exception goes on.
    /// </summary>
    public bool Commit(Project project, Action<HistoryChange>? persist = null)
    {
        var before = Close();
        var now = LayoutEdits.Count;
        var sameLayout = _beforeCheck.Holds(project) || before.Matches(project);
        if (_runs.End == _openRun && sameLayout) return false;
        if (persist is not null)
        {
            _view.Show(before, sameLayout, _openRun, _runs.End);
            try
            {
                persist(_view);
            }
            catch
            {
                Revert(project, before);
                throw;
            }
        }
        project.MarkChanged();
        DropRedo();
        var after = sameLayout ? before : project.CaptureLayout();
        var blocks = (_blocks.End - _openBlock) * BlockSlotBytes;
        for (var b = _openBlock; b < _blocks.End; b++) blocks += _blocks[b]?.MemoryBytes ?? 0;
        var bytes = StepBytes + (_runs.End - _openRun) * RunBytes + (_changes.End - _openChange) * ChangeBytes + blocks
                    + _openLayoutBytes + (sameLayout ? 0 : LayoutBytes(after));
        _steps.Add(new Step(before, after, _openRun, _openChange, _openBlock, bytes));
        _position = _steps.End;
        Volatile.Write(ref _bytes, _bytes + bytes);
        _layout = after;
        _layoutCheck.Confirm(project, now);
        while (_bytes > BudgetBytes && DropOldest()) { }
        return true;
    }

    /// <summary>
    /// Drops the oldest undo steps until at least <paramref name="bytes"/> of history are freed or
    /// none is left (a daemon short of memory does this); returns the steps and bytes dropped.
    /// The newest steps stay undoable; redo steps are kept. Not while an edit is open.
    /// </summary>
    public (int Steps, long Bytes) TrimOldest(long bytes)
    {
        if (_before is not null) throw new InvalidOperationException("an edit is open");
        var before = _bytes;
        var steps = 0;
        while (before - _bytes < bytes && DropOldest()) steps++;
        return (steps, before - _bytes);
    }

    /// <summary>Closes the step and puts the project back as it was when it opened.</summary>
    public void Abort(Project project) => Revert(project, Close());

    /// <summary>
    /// Reverts the last step; false when there is none. What it changed is shown to
    /// <paramref name="persist"/>; if that throws, the step is re-applied and stays undoable.
    /// </summary>
    public bool Undo(Project project, Action<HistoryChange>? persist = null)
    {
        if (_position == _steps.Start) return false;
        Move(project, _position - 1, undo: true, persist);
        return true;
    }

    /// <summary>
    /// Re-applies the last undone step; false when there is none. What it changed is shown to
    /// <paramref name="persist"/>; if that throws, the step is reverted again and stays redoable.
    /// </summary>
    public bool Redo(Project project, Action<HistoryChange>? persist = null)
    {
        if (_position == _steps.End) return false;
        Move(project, _position, undo: false, persist);
        return true;
    }

    /// <summary>
    /// Applies step <paramref name="index"/> backwards (undo) or forwards (redo), shows it to
    /// <paramref name="persist"/> (on failure applies it the other way and rethrows) and moves the
    /// position past it.
    /// </summary>
    private void Move(Project project, long index, bool undo, Action<HistoryChange>? persist)
    {
        Apply(project, index, undo);
        var step = _steps[index];
        if (persist is not null)
        {
            // A step that kept the layout shares one layout object before and after.
            _view.Show(undo ? step.After : step.Before, ReferenceEquals(step.Before, step.After), step.FirstRun, RunEnd(index));
            try
            {
                persist(_view);
            }
            catch
            {
                Apply(project, index, !undo);
                throw;
            }
        }
        project.MarkChanged();
        _position = undo ? index : index + 1;
        _layout = undo ? step.Before : step.After;
    }

    /// <summary>Appends a cell's old value to the open step (the volume calls this as it writes).</summary>
    internal void RecordCell(Volume volume, in CellChange change)
    {
        if (_runs.End > _openRun && ReferenceEquals(_runs[_runs.End - 1].Volume, volume)) _runs[_runs.End - 1].Count++;
        else _runs.Add(new VolumeRun(volume, _changes.End));
        _changes.Add(change);
    }

    /// <summary>Appends a whole block (null: none) about to be replaced to the open step.</summary>
    internal void RecordBlock(Volume volume, Int3 key, Block? block)
    {
        RecordCell(volume, new CellChange(key, -1, checked((uint)(_blocks.End - _openBlock))));
        _blocks.Add(block);
    }

    internal ref readonly VolumeRun RunAt(long position) => ref _runs[position];

    internal ref readonly CellChange ChangeAt(long position) => ref _changes[position];

    private ProjectLayout Close()
    {
        var before = _before ?? throw new InvalidOperationException("no edit is open");
        _before = null;
        foreach (var volume in _journaled) volume.EndJournal();
        _journaled.Clear();
        return before;
    }

    /// <summary>Puts back what the closed, uncommitted step changed and forgets its entries.</summary>
    private void Revert(Project project, ProjectLayout before)
    {
        Exchange(_openRun, _runs.End, _openBlock, undo: true);
        project.RestoreLayout(before);
        _runs.TruncateTo(_openRun);
        _changes.TruncateTo(_openChange);
        _blocks.TruncateTo(_openBlock);
    }

    /// <summary>An edit after undo: the redo steps go, and the new step's entries move down over theirs.</summary>
    private void DropRedo()
    {
        if (_position == _steps.End) return;
        var first = _steps[_position];
        for (var s = _position; s < _steps.End; s++) Volatile.Write(ref _bytes, _bytes - _steps[s].Bytes);
        _steps.TruncateTo(_position);
        var moved = _openChange - first.FirstChange;
        _runs.Remove(first.FirstRun, _openRun);
        _changes.Remove(first.FirstChange, _openChange);
        _blocks.Remove(first.FirstBlock, _openBlock);
        for (var r = first.FirstRun; r < _runs.End; r++) _runs[r].First -= moved;
        (_openRun, _openChange, _openBlock) = (first.FirstRun, first.FirstChange, first.FirstBlock);
    }

    private bool DropOldest()
    {
        if (_position == _steps.Start) return false;
        Volatile.Write(ref _bytes, _bytes - _steps[_steps.Start].Bytes);
        _steps.DropBefore(_steps.Start + 1);
        var (run, change, block) = _steps.Start < _steps.End
            ? (_steps[_steps.Start].FirstRun, _steps[_steps.Start].FirstChange, _steps[_steps.Start].FirstBlock)
            : (_runs.End, _changes.End, _blocks.End);
        _runs.DropBefore(run);
        _changes.DropBefore(change);
        _blocks.DropBefore(block);
        return true;
    }

    /// <summary>Undoes or redoes step <paramref name="index"/>: its changes, then its layout; keeps its bytes right.</summary>
    private void Apply(Project project, long index, bool undo)
    {
        ref var step = ref _steps[index];
        var delta = Exchange(step.FirstRun, RunEnd(index), step.FirstBlock, undo);
        step.Bytes += delta;
        Volatile.Write(ref _bytes, _bytes + delta);
        project.RestoreLayout(undo ? step.Before : step.After);
    }

    private long RunEnd(long index) => index + 1 < _steps.End ? _steps[index + 1].FirstRun : _runs.End;

    /// <summary>
    /// Swaps the recorded states of the runs in [<paramref name="firstRun"/>, <paramref name="endRun"/>)
    /// with the volumes' (backwards to undo); returns how the bytes of the blocks held changed.
    /// </summary>
    private long Exchange(long firstRun, long endRun, long firstBlock, bool undo)
    {
        long delta = 0;
        if (undo)
        {
            for (var r = endRun - 1; r >= firstRun; r--)
            {
                var run = _runs[r];
                for (var c = run.First + run.Count - 1; c >= run.First; c--) delta += Exchange(run.Volume, ref _changes[c], firstBlock);
            }
        }
        else
        {
            for (var r = firstRun; r < endRun; r++)
            {
                var run = _runs[r];
                for (var c = run.First; c < run.First + run.Count; c++) delta += Exchange(run.Volume, ref _changes[c], firstBlock);
            }
        }
        return delta;
    }

    private long Exchange(Volume volume, ref CellChange change, long firstBlock)
    {
        if (change.Index >= 0)
        {
            volume.ExchangeCell(ref change);
            return 0;
        }
        ref var block = ref _blocks[firstBlock + change.Value];
        var before = block?.MemoryBytes ?? 0;
        volume.ExchangeBlock(change.Key, ref block);
        return (block?.MemoryBytes ?? 0) - before;
    }

    // A ProjectLayout (object and fields) and its LayerEntry array; names are the layers' own strings.
    private static long LayoutBytes(ProjectLayout layout) => 72 + 24L * layout.Layers.Count;

    /// <summary>
    /// One step: the layouts on either side, where its entries start in the logs (they end where
    /// the next step's start), and the bytes it keeps alive. Block-level changes name their block
    /// by its offset from <see cref="FirstBlock"/>, so the step's entries can move down as a whole.
    /// </summary>
    private struct Step(ProjectLayout before, ProjectLayout after, long firstRun, long firstChange, long firstBlock, long bytes)
    {
        public readonly ProjectLayout Before = before;
        public readonly ProjectLayout After = after;
        public readonly long FirstRun = firstRun;
        public readonly long FirstChange = firstChange;
        public readonly long FirstBlock = firstBlock;
        public long Bytes = bytes;
    }
}

/// <summary>Consecutive changes of one step to one volume: <see cref="Count"/> entries from <see cref="First"/> in the change log.</summary>
internal struct VolumeRun(Volume volume, long first)
{
    public readonly Volume Volume = volume;
    public long First = first;
    public int Count = 1;
}
