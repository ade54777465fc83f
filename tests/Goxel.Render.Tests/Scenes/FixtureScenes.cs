using System.Runtime.CompilerServices;
using Goxel.Core;
using Goxel.Formats;

namespace Goxel.Render.Tests.Scenes;

/// <summary>
/// The shared fixtures and upstream inputs behind reference/upstream-renders, read with
/// Goxel.Formats.
/// </summary>
public static class FixtureScenes
{
    /// <summary>The shared/ folder beside the repository (CI puts a copy there); a test that needs it fails without it.</summary>
    public static string SharedDirectory()
    {
        var dir = Path.GetDirectoryName(ThisFile());
        while (dir is not null && !File.Exists(Path.Combine(dir, "goxel-daemon.slnx"))) dir = Path.GetDirectoryName(dir);
        var shared = dir is null ? null : Path.GetFullPath(Path.Combine(dir, "..", "shared"));
        if (shared is null || !Directory.Exists(shared)) throw new InvalidOperationException($"the shared/ folder is missing beside the repository ({shared ?? "no checkout found"}); these tests need it");
        return shared;
    }

    /// <summary>A file under shared/; a missing folder or file fails the test.</summary>
    public static string SharedFile(string relative)
    {
        var path = Path.Combine(SharedDirectory(), relative);
        return File.Exists(path) ? path : throw new FileNotFoundException($"shared/{relative} is missing; this test needs it", path);
    }

    /// <summary>fixtures/chr_knight.gox: 19 vengi layers at the origin, merged upper over lower (1316 voxels).</summary>
    public static Project ChrKnight() => ReadGox(SharedFile("fixtures/chr_knight.gox"));

    /// <summary>
    /// fixtures/gox-shape-3-layers.gox, its shape layers rasterised (1208 white voxels, equal to
    /// Goxel's own .vox export): cylinder at y = -11, sphere at the centre, cube at x = +11, z 12-19.
    /// </summary>
    public static Project GoxShape() => ReadGox(SharedFile("fixtures/gox-shape-3-layers.gox"));

    /// <summary>A file read by the daemon's own loaders.</summary>
    public static Project ReadGox(string path) => new ProjectFiles().Load(path);

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
