using Goxel.Core;

namespace Goxel.Core.Tests;

/// <summary>The change counter readers use to tell "changed since" (the live viewer polls it).</summary>
public sealed class ProjectVersionTests
{
    private static void Edit(Project project, Action<Project> edit)
    {
        project.History.Begin(project);
        edit(project);
        project.History.Commit(project);
    }

    [Fact]
    public void CommittedEditsUndoAndRedoAdvanceTheVersion()
    {
        var project = new Project("v");
        Assert.Equal(0, project.Version);
        Edit(project, p => p.ActiveLayer.Volume.Set(1, 2, 3, Rgba.White));
        Assert.Equal(1, project.Version);
        Edit(project, p => p.AddLayer("second"));
        Assert.Equal(2, project.Version);
        Assert.True(project.History.Undo(project));
        Assert.Equal(3, project.Version);
        Assert.True(project.History.Redo(project));
        Assert.Equal(4, project.Version);
    }

    [Fact]
    public void EditsThatChangeNothingOrAreAbortedKeepTheVersion()
    {
        var project = new Project("v");
        Edit(project, p => p.ActiveLayer.Volume.Set(0, 0, 0, Rgba.Empty));
        project.History.Begin(project);
        project.ActiveLayer.Volume.Set(0, 0, 0, Rgba.White);
        project.History.Abort(project);
        Assert.False(project.History.Undo(project));
        Assert.Equal(0, project.Version);
    }

    [Fact]
    public void SnapshotsKeepTheVersionTheyWereTakenAt()
    {
        var project = new Project("v");
        Edit(project, p => p.ActiveLayer.Volume.Set(1, 1, 1, Rgba.White));
        var snapshot = project.Snapshot();
        Edit(project, p => p.ActiveLayer.Volume.Set(2, 2, 2, Rgba.White));
        Assert.Equal(1, snapshot.Version);
        Assert.True(snapshot.LastChange <= project.LastChange);
        Assert.Equal(2, project.Version);
    }
}
