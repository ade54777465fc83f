using Goxel.Core;

namespace Goxel.Core.Tests;

public sealed class ProjectTests
{
    [Fact]
    public void NewProjectHasOneActiveLayerWithIdOne()
    {
        var project = new Project("p");
        var layer = Assert.Single(project.Layers);
        Assert.Equal(1, layer.Id);
        Assert.Equal("Layer 1", layer.Name);
        Assert.Same(layer, project.ActiveLayer);
    }

    [Fact]
    public void NewLayersTakeLowestFreeIdAndBecomeActive()
    {
        var project = new Project("p");
        var two = project.AddLayer("two");
        var three = project.AddLayer("three");
        Assert.Equal(2, two.Id);
        Assert.Equal(3, three.Id);
        Assert.Same(three, project.ActiveLayer);
        project.RemoveLayer(two);
        Assert.Equal(2, project.AddLayer("again").Id);
    }

    [Fact]
    public void RemovingActiveLayerActivatesTopAndLastLayerIsReplaced()
    {
        var project = new Project("p");
        var two = project.AddLayer("two");
        project.RemoveLayer(two);
        Assert.Equal(1, project.ActiveLayer.Id);
        project.RemoveLayer(project.ActiveLayer);
        var only = Assert.Single(project.Layers);
        Assert.Equal("unnamed", only.Name);
        Assert.Same(only, project.ActiveLayer);
    }

    [Fact]
    public void ProjectSnapshotIgnoresLaterEdits()
    {
        var project = new Project("p");
        project.ActiveLayer.Volume.Set(1, 1, 1, Rgba.White);
        var snapshot = project.Snapshot();
        project.ActiveLayer.Volume.Set(2, 2, 2, Rgba.White);
        project.ActiveLayer.Visible = false;
        Assert.Equal(1, snapshot.VoxelCount);
        Assert.True(snapshot.ActiveLayer.Visible);
        Assert.Equal(2, project.VoxelCount);
    }
}
