namespace Goxel.Client.Tests;

public sealed class MethodTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>, IAsyncLifetime
{
    private static readonly Rgba Red = new(255, 0, 0);
    private readonly GoxelDaemonClient _client = new(fixture.Daemon.Options);

    public Task InitializeAsync() => _client.ConnectAsync();

    public Task DisposeAsync() => _client.DisconnectAsync();

    [Fact]
    public async Task CreateProject_returns_an_id_and_the_size()
    {
        var a = await _client.CreateProjectAsync("sized", 16, 24, 8);
        Assert.Equal((true, "sized", 16, 24, 8), (a.Success, a.Name, a.Width, a.Height, a.Depth));
        var status = await _client.GetProjectStatusAsync(a.ProjectId);
        Assert.Equal((16, 24, 8, a.ProjectId), (status.Width, status.Height, status.Depth, status.ProjectId));
        Assert.NotEqual(a.ProjectId, (await _client.CreateProjectAsync()).ProjectId);
    }

    [Fact]
    public async Task Add_get_remove_voxel_and_bounding_box()
    {
        var p = await _client.CreateProjectAsync("voxels");
        var added = await _client.AddVoxelAsync(new(1, 2, 3), Red, projectId: p.ProjectId);
        Assert.Equal((true, 1, 2, 3, (Rgba?)Red), (added.Success, added.X, added.Y, added.Z, added.Color));
        await _client.AddVoxelAsync(new(-4, 5, 6), Rgba.Parse("#00FF0080"), projectId: p.ProjectId);
        Assert.Equal(new Rgba(0, 255, 0, 128), (await _client.GetVoxelAsync(new(-4, 5, 6), projectId: p.ProjectId)).Color);
        var box = await _client.GetBoundingBoxAsync(projectId: p.ProjectId);
        Assert.Equal((false, new VoxelPosition(-4, 2, 3), new VoxelPosition(1, 5, 6), new VoxelPosition(6, 4, 4)), (box.Empty, box.Min, box.Max, box.Dimensions));
        await _client.RemoveVoxelAsync(new(1, 2, 3), projectId: p.ProjectId);
        var gone = await _client.GetVoxelAsync(new(1, 2, 3), projectId: p.ProjectId);
        Assert.Equal((false, new Rgba(0, 0, 0, 0)), (gone.Exists, gone.Color));
    }

    [Fact]
    public async Task AddVoxelBatch_writes_every_voxel()
    {
        var p = await _client.CreateProjectAsync("batch");
        var voxels = Enumerable.Range(0, 500).Select(i => new Voxel(i % 10, i / 10 % 10, i / 100, new Rgba((byte)i, 10, 20))).ToArray();
        var result = await _client.AddVoxelBatchAsync(voxels, projectId: p.ProjectId);
        Assert.Equal((true, 500), (result.Success, result.Count));
        Assert.Equal(new Rgba(499 % 256, 10, 20), (await _client.GetVoxelAsync(new(9, 9, 4), projectId: p.ProjectId)).Color);
    }

    [Fact]
    public async Task AddVoxelBatchPacked_sends_base64()
    {
        var p = await _client.CreateProjectAsync("packed");
        var voxels = Enumerable.Range(0, 100).Select(i => new Voxel(i, -i, 2 * i, new Rgba(10, 20, 30))).ToArray();
        Assert.Equal(100, (await _client.AddVoxelBatchPackedAsync(voxels, projectId: p.ProjectId)).Count);
        Assert.Equal(new Rgba(10, 20, 30), (await _client.GetVoxelAsync(new(99, -99, 198), projectId: p.ProjectId)).Color);
        Assert.False(_client.UsesLegacyBatch);
    }

    [Fact]
    public async Task GetProjectInfo()
    {
        var p = await _client.CreateProjectAsync("info");
        await _client.AddVoxelAsync(new(1, 1, 1), Red, projectId: p.ProjectId);
        var info = await _client.GetProjectInfoAsync(p.ProjectId);
        Assert.Equal((p.ProjectId, "info", 1L, 1), (info.ProjectId, info.Name, info.VoxelCount, info.LayerCount));
    }

    [Fact]
    public async Task Layers()
    {
        var p = await _client.CreateProjectAsync("layers");
        var layer = await _client.CreateLayerAsync("second", visible: true, projectId: p.ProjectId);
        var list = await _client.ListLayersAsync(p.ProjectId);
        Assert.Equal(2, list.Count);
        await _client.SetLayerVisibilityAsync(layer.LayerId, false, p.ProjectId);
        Assert.False((await _client.ListLayersAsync(p.ProjectId)).Layers.Single(l => l.Id == layer.LayerId).Visible);
        var other = list.Layers.First(l => l.Id != layer.LayerId);
        await _client.SetActiveLayerAsync(other.Id, p.ProjectId);
        await _client.MergeLayersAsync(layer.LayerId, other.Id, p.ProjectId);
        Assert.Equal(1, (await _client.ListLayersAsync(p.ProjectId)).Count);
        var third = await _client.CreateLayerAsync("third", projectId: p.ProjectId);
        await _client.DeleteLayerAsync(third.LayerId, projectId: p.ProjectId);
        Assert.Equal(1, (await _client.ListLayersAsync(p.ProjectId)).Count);
    }

    [Fact]
    public async Task Undo_redo()
    {
        var p = await _client.CreateProjectAsync("history");
        await _client.AddVoxelAsync(new(3, 3, 3), Red, projectId: p.ProjectId);
        await _client.UndoAsync(p.ProjectId);
        Assert.False((await _client.GetVoxelAsync(new(3, 3, 3), projectId: p.ProjectId)).Exists);
        await _client.RedoAsync(p.ProjectId);
        Assert.True((await _client.GetVoxelAsync(new(3, 3, 3), projectId: p.ProjectId)).Exists);
    }

    [Fact]
    public async Task List_and_close_projects()
    {
        var p = await _client.CreateProjectAsync("to-close");
        Assert.Contains(await _client.ListProjectsAsync(), x => x.ProjectId == p.ProjectId);
        await _client.CloseProjectAsync(p.ProjectId);
        Assert.DoesNotContain(await _client.ListProjectsAsync(), x => x.ProjectId == p.ProjectId);
    }

    [Fact]
    public async Task Save_load_export()
    {
        var p = await _client.CreateProjectAsync("files");
        await _client.AddVoxelAsync(new(2, 2, 2), new Rgba(200, 100, 50), projectId: p.ProjectId);
        var path = Path.Combine(fixture.Daemon.Directory, $"saved-{Guid.NewGuid():N}.gox");
        await _client.SaveProjectAsync(path, projectId: p.ProjectId);
        Assert.True(File.Exists(path));
        var loaded = await _client.LoadProjectAsync(path);
        Assert.Equal(new Rgba(200, 100, 50), (await _client.GetVoxelAsync(new(2, 2, 2), projectId: loaded.ProjectId)).Color);
    }

    [Fact]
    public async Task RenderImage_returns_png_bytes()
    {
        var p = await _client.CreateProjectAsync("render");
        await _client.AddVoxelAsync(new(0, 0, 0), Red, projectId: p.ProjectId);
        var image = await _client.RenderImageAsync(64, 48, new Camera { Position = [20, 20, 20], Target = [0, 0, 0], Up = [0, 0, 1], Fov = 45 }, projectId: p.ProjectId);
        Assert.Equal((64, 48, "png"), (image.Width, image.Height, image.Format));
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, image.ImageData[..4]);
    }

    [Fact]
    public async Task Colour_analysis()
    {
        var p = await _client.CreateProjectAsync("colours");
        for (var i = 0; i < 5; i++) await _client.AddVoxelAsync(new(i, 0, 0), Red, projectId: p.ProjectId);
        for (var i = 0; i < 3; i++) await _client.AddVoxelAsync(new(i, 1, 0), new Rgba(255, 255, 255), projectId: p.ProjectId);
        var histogram = await _client.GetColorHistogramAsync(projectId: p.ProjectId);
        Assert.Equal((8L, 2, Red), (histogram.TotalVoxels, histogram.UniqueColors, histogram.Histogram[0].Rgba));
        Assert.Equal(5, (await _client.FindVoxelsByColorAsync(Red, projectId: p.ProjectId)).MatchCount);
        Assert.Equal(2, (await _client.GetUniqueColorsAsync(projectId: p.ProjectId)).Count);
    }

    [Fact]
    public async Task Voxels_region()
    {
        var p = await _client.CreateProjectAsync("region");
        for (var i = 0; i < 4; i++) await _client.AddVoxelAsync(new(i, 0, 0), new Rgba((byte)i, 0, 0), projectId: p.ProjectId);
        var region = await _client.GetVoxelsRegionAsync(new(1, 0, 0), new(2, 0, 0), projectId: p.ProjectId);
        Assert.Equal((2, false), (region.Count, region.Truncated));
        Assert.Equal([1, 2], region.Voxels.Select(v => v.X).Order());
    }

    [Fact]
    public async Task Paint_and_flood_fill()
    {
        var p = await _client.CreateProjectAsync("paint");
        for (var i = 0; i < 3; i++) await _client.AddVoxelAsync(new(i, 0, 0), new Rgba(1, 1, 1), projectId: p.ProjectId);
        await _client.PaintVoxelAsync(new(0, 0, 0), new Rgba(9, 9, 9), 1, p.ProjectId);
        Assert.Equal(new Rgba(9, 9, 9), (await _client.GetVoxelAsync(new(0, 0, 0), projectId: p.ProjectId)).Color);
        var filled = await _client.FloodFillAsync(new(1, 0, 0), new Rgba(7, 7, 7), 1, p.ProjectId);
        Assert.Equal(2, filled.GetProperty("voxels_filled").GetInt32());
    }

    [Fact]
    public async Task Procedural_shape()
    {
        var p = await _client.CreateProjectAsync("shape");
        var cube = await _client.ProceduralShapeAsync("cube", new(3, 3, 3), new(0, 0, 0), Red, 1, p.ProjectId);
        Assert.Equal(27, cube.GetProperty("voxels_created").GetInt32());
    }

    [Fact]
    public async Task Layer_voxels()
    {
        var p = await _client.CreateProjectAsync("layer voxels");
        await _client.AddVoxelAsync(new(4, 4, 4), new Rgba(1, 2, 3), projectId: p.ProjectId);
        var voxels = await _client.GetLayerVoxelsAsync(1, projectId: p.ProjectId);
        Assert.Equal((1, 4, new Rgba(1, 2, 3)), (voxels.Count, voxels.Voxels[0].X, voxels.Voxels[0].Color));
    }

    [Fact]
    public async Task Execute_script()
    {
        var p = await _client.CreateProjectAsync("script");
        var result = await _client.ExecuteScriptAsync("goxel.setVoxel(1, 1, 1, '#FF0000'); goxel.log('hi'); 6 * 7", projectId: p.ProjectId);
        Assert.Equal((true, 42, "hi"), (result.Success, result.Result!.Value.GetInt32(), result.Output.Single()));
        Assert.Equal(Red, (await _client.GetVoxelAsync(new(1, 1, 1), projectId: p.ProjectId)).Color);
    }

    [Fact]
    public async Task Formats_and_import()
    {
        var formats = await _client.ListFormatsAsync();
        Assert.Contains(formats.GetProperty("formats").EnumerateArray(), f => f.GetProperty("name").GetString() == "gox");
        var source = await _client.CreateProjectAsync("to import");
        await _client.AddVoxelAsync(new(1, 2, 3), new Rgba(4, 5, 6), projectId: source.ProjectId);
        var path = Path.Combine(fixture.Daemon.Directory, $"import-{Guid.NewGuid():N}.gox");
        await _client.SaveProjectAsync(path, projectId: source.ProjectId);
        var target = await _client.CreateProjectAsync("importer");
        await _client.ImportFileAsync(path, projectId: target.ProjectId);
        var box = await _client.GetBoundingBoxAsync(-2, target.ProjectId);
        Assert.Equal((new VoxelPosition(1, 2, 3), new VoxelPosition(1, 2, 3)), (box.Min, box.Max));
    }

    [Fact]
    public async Task Render_scene_writes_a_png()
    {
        var p = await _client.CreateProjectAsync("scene");
        await _client.AddVoxelAsync(new(0, 0, 0), Red, projectId: p.ProjectId);
        var path = Path.Combine(fixture.Daemon.Directory, $"scene-{Guid.NewGuid():N}.png");
        await _client.RenderSceneAsync(path, 32, 32, projectId: p.ProjectId);
        Assert.True(File.Exists(path));
    }
}
