namespace Goxel.Core;

/// <summary>
/// Undo and redo for one project. An edit runs between <see cref="Begin"/> and
/// <see cref="Commit"/> (or <see cref="Abort"/>, which puts everything back: edits are
/// atomic). A step remembers the old values of the cells the edit changed (or whole blocks
/// where it created or replaced blocks) and the layer list, so opening one is O(number of
/// layers) and a one-voxel edit costs one small entry. Steps are
/// dropped oldest first when their memory passes the budget.
/// </summary>
public sealed class History
{
    private readonly LinkedList<HistoryStep> _undo = new();
    private readonly Stack<HistoryStep> _redo = new();
    private HistoryStep? _open;
    private long _bytes;

    /// <summary>Most bytes the steps may keep alive; 0 turns history off.</summary>
    public long BudgetBytes { get; set; } = 256L << 20;

    /// <summary>Steps that can be undone.</summary>
    public int UndoCount => _undo.Count;

    /// <summary>Steps that can be redone.</summary>
    public int RedoCount => _redo.Count;

    /// <summary>Approximate bytes the steps keep alive.</summary>
    public long MemoryBytes => _bytes;

    /// <summary>Opens a step before an edit of <paramref name="project"/>.</summary>
    public void Begin(Project project)
    {
        if (_open is not null) throw new InvalidOperationException("an edit is already open");
        _open = new HistoryStep(project.CaptureLayout());
        foreach (var layer in project.Layers) layer.Volume.BeginJournal();
    }

    /// <summary>Closes the step; true when the edit changed anything (it can then be undone).</summary>
    public bool Commit(Project project)
    {
        var step = Close(project);
        if (step.IsEmpty(project)) return false;
        _redo.Clear();
        if (BudgetBytes <= 0) return true;
        step.Measure();
        _undo.AddLast(step);
        _bytes += step.MemoryBytes;
        while (_bytes > BudgetBytes && _undo.First is { } oldest)
        {
            _bytes -= oldest.Value.MemoryBytes;
            _undo.RemoveFirst();
        }
        return true;
    }

    /// <summary>Closes the step and puts the project back as it was when it opened.</summary>
    public void Abort(Project project) => Close(project).Apply(project, undo: true);

    /// <summary>Reverts the last step; false when there is none.</summary>
    public bool Undo(Project project)
    {
        if (_undo.Last is not { } last) return false;
        _undo.RemoveLast();
        _bytes -= last.Value.MemoryBytes;
        last.Value.Apply(project, undo: true);
        _redo.Push(last.Value);
        return true;
    }

    /// <summary>Re-applies the last undone step; false when there is none.</summary>
    public bool Redo(Project project)
    {
        if (!_redo.TryPop(out var step)) return false;
        step.Apply(project, undo: false);
        _undo.AddLast(step);
        _bytes += step.MemoryBytes;
        return true;
    }

    private HistoryStep Close(Project project)
    {
        var step = _open ?? throw new InvalidOperationException("no edit is open");
        _open = null;
        // Layers from before the step (some may be gone now) and now (some may be new). A layer in
        // both lists hands over its journal once: the second EndJournal finds none.
        foreach (var entry in step.Layout.Layers) Collect(step, entry.Layer);
        foreach (var layer in project.Layers) Collect(step, layer);
        return step;
    }

    private static void Collect(HistoryStep step, Layer layer)
    {
        if (layer.Volume.EndJournal() is { } journal) step.Journals[layer] = journal;
    }

    private sealed class HistoryStep(ProjectLayout layout)
    {
        // The layer list on the other side of this step; applying the step swaps it in.
        public ProjectLayout Layout { get; private set; } = layout;

        public Dictionary<Layer, VolumeJournal> Journals { get; } = [];

        public long MemoryBytes { get; private set; }

        public void Measure() => MemoryBytes = 256 + Journals.Values.Sum(j => j.MemoryBytes);

        public bool IsEmpty(Project project) => Journals.Count == 0 && Layout.Matches(project);

        public void Apply(Project project, bool undo)
        {
            foreach (var (layer, journal) in Journals)
                if (undo) layer.Volume.Undo(journal);
                else layer.Volume.Redo(journal);
            var current = project.CaptureLayout();
            project.RestoreLayout(Layout);
            Layout = current;
        }
    }
}
