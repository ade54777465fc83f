using Goxel.Core;

namespace Goxel.Daemon.Viewer;

/// <summary>A layer as a page sees it: its properties and its block map at one version.</summary>
internal sealed record LayerView(int Id, string Name, bool Visible, Rgba? Color, IReadOnlyDictionary<Int3, Block> Blocks);

/// <summary>
/// What a page holds: a project's layers and block maps at one version, taken from a
/// copy-on-write snapshot. Blocks are copied on write, so a block unchanged since an earlier
/// view is the very same object in this one: comparing two views by reference finds exactly the
/// blocks an edit touched, in O(blocks), without looking at a cell.
/// </summary>
internal sealed class ViewState
{
    private ViewState(long version, IReadOnlyList<LayerView> layers)
    {
        Version = version;
        Layers = layers;
        BlockCount = layers.Sum(l => l.Blocks.Count);
    }

    /// <summary>The project version this view shows.</summary>
    public long Version { get; }

    /// <summary>Layers, bottom first.</summary>
    public IReadOnlyList<LayerView> Layers { get; }

    /// <summary>Blocks over all layers (the records of a full snapshot).</summary>
    public int BlockCount { get; }

    /// <summary>The view of a snapshot (one nobody edits: its block maps are kept as they are).</summary>
    public static ViewState Of(Project snapshot) =>
        new(snapshot.Version, snapshot.Layers.Select(l => new LayerView(l.Id, l.Name, l.Visible, l.Color, l.Volume.Blocks)).ToList());

    /// <summary>True when both views have the same layers in the same order with the same properties.</summary>
    public bool SameLayers(ViewState other) =>
        Layers.Count == other.Layers.Count &&
        Layers.Zip(other.Layers).All(p => p.First.Id == p.Second.Id && p.First.Name == p.Second.Name &&
                                          p.First.Visible == p.Second.Visible && p.First.Color == p.Second.Color);

    /// <summary>Every block, for a full snapshot.</summary>
    public List<BlockRecord> AllBlocks() =>
        [.. Layers.SelectMany(l => l.Blocks.Select(b => new BlockRecord(l.Id, b.Key, b.Value)))];

    /// <summary>
    /// The blocks that differ from <paramref name="earlier"/> (new or replaced ones, and null
    /// records for removed ones); the views must have the same layers (<see cref="SameLayers"/>).
    /// </summary>
    public List<BlockRecord> ChangesSince(ViewState earlier)
    {
        var changes = new List<BlockRecord>();
        for (var i = 0; i < Layers.Count; i++)
        {
            var (now, before) = (Layers[i], earlier.Layers[i]);
            foreach (var (key, block) in now.Blocks)
                if (!before.Blocks.TryGetValue(key, out var old) || !ReferenceEquals(old, block))
                    changes.Add(new BlockRecord(now.Id, key, block));
            foreach (var key in before.Blocks.Keys)
                if (!now.Blocks.ContainsKey(key))
                    changes.Add(new BlockRecord(now.Id, key, null));
        }
        return changes;
    }
}
