using Goxel.Formats.Gox;

namespace Goxel.Formats;

/// <summary>
/// Every supported format, looked up by name or alias (case-insensitive) or by file extension.
/// Names follow upstream Goxel ("gox", "vox", "png slices", "text", "qubicle"...).
/// </summary>
public static class FormatRegistry
{
    /// <summary>All formats, in the order they are listed to users.</summary>
    public static IReadOnlyList<VoxelFormat> All { get; } =
    [
        new GoxFormat(),
        new Vox.VoxFormat(),
        new Qubicle.QubicleFormat(),
        new Text.TextFormat(),
        new Kvx.KvxFormat(),
        new Mesh.ObjFormat(),
        new Mesh.PlyFormat(),
        new Mesh.StlFormat(),
        Mesh.GltfFormat.Text,
        Mesh.GltfFormat.Binary,
        new Export.PngRenderFormat(),
        new Export.PngSlicesFormat(),
        new Export.PovrayFormat(),
        new Export.VxlFormat(),
    ];

    /// <summary>The format with this name or alias, or null.</summary>
    public static VoxelFormat? FindByName(string name)
    {
        var wanted = name.Trim();
        return All.FirstOrDefault(f => string.Equals(f.Name, wanted, StringComparison.OrdinalIgnoreCase) ||
                                       f.Aliases.Any(a => string.Equals(a, wanted, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>
    /// The format a path's extension implies, or null. With several candidates (".png" is both a
    /// render and slices upstream) the first listed that can do the job wins.
    /// </summary>
    public static VoxelFormat? FindByExtension(string path, bool forWriting)
    {
        var ext = Path.GetExtension(path);
        if (string.IsNullOrEmpty(ext)) return null;
        var candidates = All.Where(f => f.Extensions.Any(e => string.Equals(e, ext, StringComparison.OrdinalIgnoreCase))).ToList();
        return candidates.FirstOrDefault(f => forWriting ? f.CanWrite : f.CanRead) ?? candidates.FirstOrDefault();
    }

    /// <summary>
    /// The format named by <paramref name="format"/>, else the one <paramref name="path"/>'s
    /// extension implies; throws a <see cref="VoxelFileException"/> listing the supported
    /// formats when neither matches or the format cannot do the job.
    /// </summary>
    public static VoxelFormat Resolve(string? format, string path, bool forWriting)
    {
        VoxelFormat? found;
        if (!string.IsNullOrWhiteSpace(format))
        {
            found = FindByName(format) ?? throw new VoxelFileException(VoxelFileError.UnknownFormat, path,
                $"unknown format '{format}'; supported formats: {Describe(forWriting)}");
        }
        else
        {
            found = FindByExtension(path, forWriting) ?? throw new VoxelFileException(VoxelFileError.UnknownFormat, path,
                $"cannot tell the format from the extension '{Path.GetExtension(path)}'; supported formats: {Describe(forWriting)}");
        }
        if (forWriting ? !found.CanWrite : !found.CanRead)
            throw new VoxelFileException(VoxelFileError.Unsupported, path,
                $"the {found.Name} format cannot be {(forWriting ? "written" : "read")}; formats that can: {Describe(forWriting)}");
        return found;
    }

    /// <summary>
    /// The format to read a file with: the one named by <paramref name="format"/>; else the one
    /// whose magic number <paramref name="head"/> (the file's first bytes) carries, whatever the
    /// extension says; else the one the extension implies.
    /// </summary>
    public static VoxelFormat ResolveForReading(string? format, string path, ReadOnlySpan<byte> head)
    {
        if (!string.IsNullOrWhiteSpace(format)) return Resolve(format, path, forWriting: false);
        foreach (var candidate in All)
            if (candidate.CanRead && candidate.Recognises(head)) return candidate;
        if (FindByExtension(path, forWriting: false) is null)
            throw new VoxelFileException(VoxelFileError.UnknownFormat, path,
                $"cannot tell the format from the content or the extension '{Path.GetExtension(path)}'; supported formats: {Describe(forWriting: false)}");
        return Resolve(null, path, forWriting: false);
    }

    /// <summary>"name (.ext), ..." for the formats that can read or write.</summary>
    public static string Describe(bool forWriting) =>
        string.Join(", ", All.Where(f => forWriting ? f.CanWrite : f.CanRead)
            .Select(f => $"{f.Name} ({string.Join(" ", f.Extensions.Concat(f.Aliases.Select(a => "alias " + a)))})"));
}
