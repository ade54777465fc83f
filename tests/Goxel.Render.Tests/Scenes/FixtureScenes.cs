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
    /// <summary>The shared/ folder beside the repository (CI puts a copy there), or null when absent.</summary>
    public static string? SharedDirectory()
    {
        var dir = Path.GetDirectoryName(ThisFile());
        while (dir is not null && !File.Exists(Path.Combine(dir, "goxel-daemon.slnx"))) dir = Path.GetDirectoryName(dir);
        if (dir is null) return null;
        var shared = Path.GetFullPath(Path.Combine(dir, "..", "shared"));
        return Directory.Exists(shared) ? shared : null;
    }

    /// <summary>A file under shared/, or null when shared/ or the file is missing.</summary>
    public static string? SharedFile(string relative) =>
        SharedDirectory() is { } shared && File.Exists(Path.Combine(shared, relative)) ? Path.Combine(shared, relative) : null;

    /// <summary>fixtures/chr_knight.gox: 19 vengi layers at the origin, merged upper over lower (1316 voxels).</summary>
    public static Project? ChrKnight() => SharedFile("fixtures/chr_knight.gox") is { } path ? ReadGox(path) : null;

    /// <summary>
    /// fixtures/gox-shape-3-layers.gox, its shape layers rasterised (1208 white voxels, equal to
    /// Goxel's own .vox export): cylinder at y = -11, sphere at the centre, cube at x = +11, z 12-19.
    /// </summary>
    public static Project? GoxShape() => SharedFile("fixtures/gox-shape-3-layers.gox") is { } path ? ReadGox(path) : null;

    /// <summary>A file read by the daemon's own loaders.</summary>
    public static Project ReadGox(string path) => new ProjectFiles().Load(path);

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
