using Goxel.Core;

namespace Goxel.Formats.Tests;

/// <summary>Files are read by what they hold when the extension is wrong or missing.</summary>
public sealed class FormatDetectionTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("goxel-detect-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Theory]
    [InlineData("vox", "robo.gox")]
    [InlineData("vox", "robo")]
    [InlineData("gox", "scene.vox")]
    [InlineData("gox", "scene.txt")]
    [InlineData("gox", "scene.unknown")]
    public void FileWithAWrongOrMissingExtensionLoadsByItsContent(string format, string name)
    {
        var project = RandomProjects.Make(9, palette: 30, hidden: false);
        var files = new ProjectFiles(new PathPolicy(_folder.FullName));
        var written = files.Export(project, name, format);
        Assert.Equal(Path.Combine(_folder.FullName, name), written);
        var loaded = files.Load(name);
        Assert.Equal(project.Layers.Select(l => l.Name), loaded.Layers.Select(l => l.Name));
        Assert.Equal(project.VoxelCount, loaded.VoxelCount);
    }

    [Fact]
    public void NamedFormatStillWinsOverTheContent()
    {
        var files = new ProjectFiles(new PathPolicy(_folder.FullName));
        files.Export(RandomProjects.Make(9, palette: 30), "scene.gox", "gox");
        var e = Assert.Throws<VoxelFileException>(() => files.Load("scene.gox", "vox"));
        Assert.Equal(VoxelFileError.Corrupt, e.Kind);
    }

    [Fact]
    public void UnknownContentAndExtensionSaysBoth()
    {
        File.WriteAllText(Path.Combine(_folder.FullName, "notes.xyz"), "not a voxel file");
        var e = Assert.Throws<VoxelFileException>(() => new ProjectFiles(new PathPolicy(_folder.FullName)).Load("notes.xyz"));
        Assert.Equal(VoxelFileError.UnknownFormat, e.Kind);
        Assert.Contains("content or the extension '.xyz'", e.Message);
    }

    [Fact]
    public void OnlyFormatsWithAMagicNumberClaimContent()
    {
        Assert.Equal(["gox", "vox"], FormatRegistry.All.Where(f => f.Recognises("GOX \u0002"u8) || f.Recognises("VOX \u0096"u8)).Select(f => f.Name));
        Assert.DoesNotContain(FormatRegistry.All, f => f.Recognises("0 0 0 ff0000\n"u8));
    }
}
