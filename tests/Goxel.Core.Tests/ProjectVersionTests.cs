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
        var seen = new List<long> { project.Version };
        Edit(project, p => p.ActiveLayer.Volume.Set(1, 2, 3, Rgba.White));
        seen.Add(project.Version);
        Edit(project, p => p.AddLayer("second"));
        seen.Add(project.Version);
        Assert.True(project.History.Undo(project));
        seen.Add(project.Version);
        Assert.True(project.History.Redo(project));
        seen.Add(project.Version);
        // Each change gives a version never seen before, in the whole process (render caches key on it).
        Assert.Equal(seen.Order(), seen);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.NotEqual(project.Version, new Project("other").Version);
    }

    [Fact]
    public void EditsThatChangeNothingOrAreAbortedKeepTheVersion()
    {
        var project = new Project("v");
        var version = project.Version;
        Edit(project, p => p.ActiveLayer.Volume.Set(0, 0, 0, Rgba.Empty));
        project.History.Begin(project);
        project.ActiveLayer.Volume.Set(0, 0, 0, Rgba.White);
        project.History.Abort(project);
        Assert.False(project.History.Undo(project));
        Assert.Equal(version, project.Version);
    }

    [Fact]
    public void SnapshotsKeepTheVersionTheyWereTakenAt()
    {
        var project = new Project("v");
        Edit(project, p => p.ActiveLayer.Volume.Set(1, 1, 1, Rgba.White));
        var taken = project.Version;
        var snapshot = project.Snapshot();
        Edit(project, p => p.ActiveLayer.Volume.Set(2, 2, 2, Rgba.White));
        Assert.Equal(taken, snapshot.Version);
        Assert.True(snapshot.LastChange <= project.LastChange);
        Assert.True(project.Version > taken);
    }
}
