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
