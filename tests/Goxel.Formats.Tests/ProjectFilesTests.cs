using Goxel.Core;

namespace Goxel.Formats.Tests;

public sealed class ProjectFilesTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("goxel-files-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string In(params string[] parts) => Path.Combine([_folder.FullName, .. parts]);

    [Fact]
    public void RegistryFindsUpstreamNamesAliasesAndExtensions()
    {
        foreach (var name in new[] { "gox", "vox", "obj", "ply", "png", "png slices", "gltf", "text", "povray", "qubicle", "kvx", "vxl", "stl", "glb", "txt", "qb" })
            Assert.NotNull(FormatRegistry.FindByName(name.ToUpperInvariant()));
        Assert.Equal("text", FormatRegistry.FindByName("TXT")!.Name);
        Assert.Equal("qubicle", FormatRegistry.FindByName("qb")!.Name);
        Assert.Equal("vox", FormatRegistry.FindByExtension("a/b/Model.VOX", forWriting: false)!.Name);
        Assert.Equal("png", FormatRegistry.FindByExtension("x.png", forWriting: true)!.Name); // a render, as upstream
        var e = Assert.Throws<VoxelFileException>(() => FormatRegistry.Resolve("blend", "x.blend", forWriting: true));
        Assert.Equal(VoxelFileError.UnknownFormat, e.Kind);
        Assert.Contains("gox", e.Message);
        Assert.Contains("qubicle", e.Message);
        var byExt = Assert.Throws<VoxelFileException>(() => FormatRegistry.Resolve(null, "x.unknown", forWriting: false));
        Assert.Contains("supported formats", byExt.Message);
    }

    [Fact]
    public void SaveLoadAndImportThroughTheWorkspace()
    {
        var files = new ProjectFiles(new PathPolicy(_folder.FullName));
        var project = RandomProjects.Make(41);
        var written = files.Save(project, "scene.gox");
        Assert.Equal(In("scene.gox"), written);
        var loaded = files.Load("scene.gox");
        Assert.Equal(project.Layers.Select(l => l.Id), loaded.Layers.Select(l => l.Id));

        var target = new Project("t");
        var before = target.Layers.Count;
        var added = files.Import(target, "scene.gox");
        Assert.Equal(before + project.Layers.Count, target.Layers.Count);
        Assert.Equal(target.Layers.Count, target.Layers.Select(l => l.Id).Distinct().Count());
        Assert.Same(added[^1], target.ActiveLayer);
    }

    [Fact]
    public void EmptyProjectsExportInEveryFormatAndReadBack()
    {
        var files = new ProjectFiles(new PathPolicy(_folder.FullName));
        var empty = new Project("empty");
        foreach (var format in FormatRegistry.All.Where(f => f.CanWrite))
        {
            var name = $"empty-{format.Name.Replace(' ', '-')}{format.Extensions[0]}";
            files.Export(empty, name, format.Name);
            Assert.True(File.Exists(In(name)), name);
            if (format.CanRead) Assert.Equal(0, files.Load(name, format.Name).VoxelCount);
        }
        var (errors, _, messages) = Validators.Gltf(In("empty-glb.glb"));
        Assert.True(errors == 0, messages);
    }

    [Fact]
    public void SparseProjectsTooLargeForDenseFormatsFailCleanly()
    {
        var project = new Project("far");
        project.ActiveLayer.Volume.Set(-100_000, -100_000, -100_000, Rgba.White);
        project.ActiveLayer.Volume.Set(100_000, 100_000, 100_000, Rgba.White);
        project.ImageBox = new VoxelBox(new Int3(-100_000, -100_000, -100_000), new Int3(100_000, 100_000, 100_000));
        var files = new ProjectFiles(new PathPolicy(_folder.FullName));
        foreach (var (name, format) in new[] { ("far.qb", (string?)null), ("far.png", "png slices") })
        {
            var e = Assert.Throws<VoxelFileException>(() => files.Export(project, name, format));
            Assert.Contains(name, e.Message);
            Assert.False(File.Exists(In(name)));
        }
        // Sparse formats cope.
        foreach (var name in new[] { "far.gox", "far.vox", "far.txt", "far.obj", "far.glb" }) files.Export(project, name);
        Assert.Equal(2, files.Load("far.vox").VoxelCount);
    }

    [Fact]
    public void ImportingAVoxAddsItsModelsAsLayers()
    {
        File.Copy(Fixtures.PathOf("crabby.vox"), In("crabby.vox"));
        var files = new ProjectFiles(new PathPolicy(_folder.FullName));
        var target = new Project("t");
        target.ActiveLayer.Volume.Set(0, 0, 0, Rgba.White);
        var added = files.Import(target, "crabby.vox");
        Assert.Equal(1 + added.Count, target.Layers.Count);
        Assert.Equal(1 + Fixtures.Load("crabby.vox").VoxelCount, target.VoxelCount);
    }

    [Fact]
    public void FailedImportLeavesTheProjectUnchanged()
    {
        File.WriteAllBytes(In("bad.vox"), "VOX \u0096\0\0\0MAIN"u8.ToArray());
        var files = new ProjectFiles(new PathPolicy(_folder.FullName));
        var target = RandomProjects.Make(42);
        var count = target.VoxelCount;
        var layers = target.Layers.Count;
        Assert.Throws<VoxelFileException>(() => files.Import(target, "bad.vox"));
        Assert.Equal(count, target.VoxelCount);
        Assert.Equal(layers, target.Layers.Count);
    }

    [Fact]
    public void FailedSaveKeepsThePreviousFile()
    {
        var files = new ProjectFiles(new PathPolicy(_folder.FullName));
        files.Save(RandomProjects.Make(43), "keep.gox");
        var before = File.ReadAllBytes(In("keep.gox"));
        Assert.ThrowsAny<Exception>(() => AtomicFile.Write(In("keep.gox"), s => { s.Write([1, 2, 3]); throw new IOException("disk full"); }));
        Assert.Equal(before, File.ReadAllBytes(In("keep.gox")));
        Assert.Single(Directory.GetFiles(_folder.FullName)); // no temporary file left behind

        var missing = Assert.Throws<VoxelFileException>(() => files.Save(RandomProjects.Make(44), "no/such/folder/x.gox"));
        Assert.Equal(VoxelFileError.Io, missing.Kind);
        Assert.Contains("no/such/folder/x.gox", missing.Message);
    }

    [Fact]
    public void AllowListRejectsEscapesByDotDotAndSymlink()
    {
        Directory.CreateDirectory(In("root"));
        Directory.CreateDirectory(In("outside"));
        File.CreateSymbolicLink(In("root", "link.gox"), In("outside", "target.gox"));
        Directory.CreateSymbolicLink(In("root", "dirlink"), In("outside"));
        var policy = new PathPolicy(In("root"), [In("root")]);
        Assert.Equal(In("root", "a.gox"), policy.Resolve("a.gox"));
        Assert.Equal(In("root", "sub", "b.gox"), policy.Resolve("sub/../sub/b.gox"));
        foreach (var bad in new[] { "../outside/x.gox", In("outside", "x.gox"), "link.gox", "dirlink/x.gox", "/etc/passwd" })
        {
            var e = Assert.Throws<VoxelFileException>(() => policy.Resolve(bad));
            Assert.Equal(VoxelFileError.PathDenied, e.Kind);
            Assert.Contains("outside the allowed folders", e.Message);
        }
        File.CreateSymbolicLink(In("root", "loop-a"), In("root", "loop-b"));
        File.CreateSymbolicLink(In("root", "loop-b"), In("root", "loop-a"));
        Assert.Equal(VoxelFileError.PathDenied, Assert.Throws<VoxelFileException>(() => policy.Resolve("loop-a/x.gox")).Kind);
        var files = new ProjectFiles(policy);
        Assert.Throws<VoxelFileException>(() => files.Save(new Project("p"), "link.gox"));
        Assert.False(File.Exists(In("outside", "target.gox")));
    }
}
