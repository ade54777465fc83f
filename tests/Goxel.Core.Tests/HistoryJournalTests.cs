using Goxel.Core;

namespace Goxel.Core.Tests;

/// <summary>History's journal hooks: what a change shows, and that a refused change is rolled back.</summary>
public sealed class HistoryJournalTests
{
    [Fact]
    public void ACommitShowsTheLayoutBeforeAndThePlacesItWrote()
    {
        var project = new Project("p");
        HistoryChange? seen = null;
        project.History.Begin(project);
        project.ActiveLayer.Volume.Set(1, 2, 3, Rgba.White);
        var added = project.AddLayer("new");
        Assert.True(project.History.Commit(project, change => seen = change));
        Assert.NotNull(seen);
        Assert.Single(seen.Before.Layers);
        Assert.DoesNotContain(seen.Before.Layers, e => ReferenceEquals(e.Layer, added));
        var places = new List<(Int3, int)>();
        foreach (var place in seen.Places(project.Layers[0])) places.Add(place);
        Assert.Equal([(new Int3(0, 0, 0), -1)], places);
        Assert.True(seen.Places(added).IsEmpty);
    }

    [Fact]
    public void AChangeSaysWhetherItKeptTheLayoutAndWhetherItWroteOneCell()
    {
        var project = new Project("p");
        var layer = project.ActiveLayer;
        layer.Volume.Set(0, 0, 0, Rgba.White);
        var seen = Edit(project, () => layer.Volume.Set(1, 2, 3, Rgba.White));
        Assert.True(seen.LayoutKept);
        Assert.True(seen.IsSingleCell(out var volume, out var block, out var cell));
        Assert.Same(layer.Volume, volume);
        Assert.Equal((new Int3(0, 0, 0), Block.Index(1, 2, 3)), (block, cell));

        seen = Edit(project, () => { layer.Volume.Set(1, 2, 4, Rgba.White); layer.Volume.Set(1, 2, 5, Rgba.White); });
        Assert.False(seen.IsSingleCell(out _, out _, out _));
        // A new block is written whole, not as a cell.
        seen = Edit(project, () => layer.Volume.Set(100, 0, 0, Rgba.White));
        Assert.False(seen.IsSingleCell(out _, out _, out _));
        var second = project.AddLayer("second");
        second.Volume.Set(0, 0, 0, Rgba.White);
        project.ActiveLayer = layer;
        seen = Edit(project, () => { layer.Volume.Set(1, 2, 6, Rgba.White); second.Volume.Set(1, 2, 6, Rgba.White); });
        Assert.False(seen.IsSingleCell(out _, out _, out _));
        seen = Edit(project, () => project.AddLayer("third"));
        Assert.False(seen.LayoutKept);
        Assert.False(seen.IsSingleCell(out _, out _, out _));
    }

    [Fact]
    public void ALayoutChangedBetweenEditsIsTheLayoutTheNextEditStartsFrom()
    {
        // History does not compare layouts again while no layout changed anywhere (LayoutEdits):
        // every kind of change made outside a step must still be seen by the next step.
        var project = new Project("p");
        var layer = project.ActiveLayer;
        Action[] changes =
        [
            () => layer.Name = "renamed", () => layer.Visible = false, () => project.Name = "q",
            () => project.ImageBox = new VoxelBox(new Int3(0, 0, 0), new Int3(7, 7, 7)), () => project.AddLayer("second"),
            () => project.ActiveLayer = layer, () => project.RemoveLayer(project.Layers[^1]),
        ];
        var x = 0;
        foreach (var change in changes)
        {
            Edit(project, () => layer.Volume.Set(x++, 0, 0, Rgba.White));
            change();
            var changed = Describe(project);
            var seen = Edit(project, () => layer.Volume.Set(x++, 0, 0, Rgba.White));
            Assert.True(seen.LayoutKept);
            Assert.Equal(changed, Describe(seen.Before));
            project.History.Undo(project);
            Assert.Equal(changed, Describe(project));
            project.History.Redo(project);
        }
    }

    private static HistoryChange Edit(Project project, Action edit)
    {
        HistoryChange? seen = null;
        project.History.Begin(project);
        edit();
        Assert.True(project.History.Commit(project, change => seen = change));
        return seen!;
    }

    private static string Describe(Project project) => Describe(project.CaptureLayout());

    private static string Describe(ProjectLayout layout) =>
        $"{layout.Name} {layout.ImageBox} {layout.Active.Id}: " + string.Join(", ", layout.Layers.Select(e => $"{e.Layer.Id} {e.Name} {e.Visible}"));

    [Fact]
    public void AFailedJournalWriteRollsTheEditUndoAndRedoBack()
    {
        var project = new Project("p");
        var layer = project.ActiveLayer;
        project.History.Begin(project);
        layer.Volume.Set(1, 1, 1, Rgba.White);
        Assert.Throws<IOException>(() => project.History.Commit(project, _ => throw new IOException("disk full")));
        Assert.True(layer.Volume.Get(1, 1, 1).IsEmpty);
        Assert.Equal(0, project.History.UndoCount);

        project.History.Begin(project);
        layer.Volume.Set(2, 2, 2, Rgba.White);
        project.History.Commit(project);
        Assert.Throws<IOException>(() => project.History.Undo(project, _ => throw new IOException("disk full")));
        Assert.False(layer.Volume.Get(2, 2, 2).IsEmpty);
        Assert.Equal(1, project.History.UndoCount);

        project.History.Undo(project);
        Assert.Throws<IOException>(() => project.History.Redo(project, _ => throw new IOException("disk full")));
        Assert.True(layer.Volume.Get(2, 2, 2).IsEmpty);
        Assert.Equal(1, project.History.RedoCount);
        Assert.True(project.History.Redo(project));
        Assert.False(layer.Volume.Get(2, 2, 2).IsEmpty);
    }
}
