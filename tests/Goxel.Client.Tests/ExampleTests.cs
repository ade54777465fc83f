using Goxel.Client.Examples;

namespace Goxel.Client.Tests;

/// <summary>The C# examples in docs/clients.md: each runs here, and the doc must contain its file verbatim.</summary>
public sealed class ExampleTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "goxel-daemon.slnx"))) return dir.FullName;
            throw new DirectoryNotFoundException("repository root not found");
        }
    }

    [Theory]
    [InlineData("QuickstartExample.cs")]
    [InlineData("PerformanceExample.cs")]
    public void The_doc_contains_the_example_verbatim(string file)
    {
        var doc = File.ReadAllText(Path.Combine(RepoRoot, "docs", "clients.md"));
        var source = File.ReadAllText(Path.Combine(RepoRoot, "tests", "Goxel.Client.Tests", "Examples", file)).TrimEnd();
        Assert.Contains(source, doc, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quickstart_runs()
    {
        var (projectId, color, box) = await QuickstartExample.RunAsync(fixture.Daemon.SocketPath);
        Assert.NotEmpty(projectId);
        Assert.Equal(new Rgba(0, 255, 0), color);
        Assert.Equal((new VoxelPosition(0, 0, 0), new VoxelPosition(9, 9, 1)), (box.Min, box.Max));
    }

    [Fact]
    public async Task Performance_example_runs()
    {
        var (batches, smartBatches, requests, alerts, profile) = await PerformanceExample.RunAsync(fixture.Daemon.SocketPath);
        Assert.Equal((10, 1, 100L), (batches, smartBatches, requests));
        Assert.Empty(alerts);
        Assert.Contains("get_voxel:\n  Calls: 100", profile, StringComparison.Ordinal);
    }
}
