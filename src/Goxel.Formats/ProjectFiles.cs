using Goxel.Core;

namespace Goxel.Formats;

/// <summary>
/// The file operations the daemon exposes: load, import, save and export, with the path policy
/// applied, the format resolved by name or extension, atomic writes, and every failure reported
/// as a <see cref="VoxelFileException"/> naming the file. A failed load or import leaves the
/// caller's project untouched (nothing is applied until the whole file has parsed).
/// </summary>
public sealed class ProjectFiles
{
    /// <summary>File operations under <paramref name="policy"/> (unrestricted when null).</summary>
    public ProjectFiles(PathPolicy? policy = null) => Policy = policy ?? PathPolicy.Unrestricted;

    /// <summary>The workspace and allowed roots.</summary>
    public PathPolicy Policy { get; }

    /// <summary>Reads a file into a new project. <paramref name="format"/> overrides the extension.</summary>
    public Project Load(string path, string? format = null)
    {
        var full = Policy.Resolve(path);
        var reader = FormatRegistry.Resolve(format, path, forWriting: false);
        return Read(reader, full, path);
    }

    /// <summary>
    /// Reads a file and appends its layers on top of <paramref name="target"/> (ids kept when
    /// free, else the lowest free id). Returns the layers added; the last becomes active.
    /// </summary>
    public IReadOnlyList<Layer> Import(Project target, string path, string? format = null) => Append(target, Load(path, format));

    /// <summary>
    /// Appends the layers of <paramref name="loaded"/> on top of <paramref name="target"/> (ids
    /// kept when free, else the lowest free id), with their materials. Returns the layers added.
    /// </summary>
    public static IReadOnlyList<Layer> Append(Project target, Project loaded)
    {
        var added = new List<Layer>();
        foreach (var layer in loaded.Layers)
        {
            if (layer.Material is { } m && !target.Materials.Contains(m)) target.Materials.Add(m);
            added.Add(target.AddLayer(layer));
        }
        return added;
    }

    /// <summary>Saves the whole project (all layers) as .gox, atomically. Returns the absolute path written.</summary>
    public string Save(Project project, string path) => Export(project, path, "gox");

    /// <summary>
    /// Writes <paramref name="project"/> in a format chosen by <paramref name="format"/> or the
    /// extension, atomically (companion files such as an OBJ's .mtl too). Returns the absolute path.
    /// Writers only read the project, but not under a lock: pass a <see cref="Project.Snapshot"/>
    /// when another thread may edit it meanwhile.
    /// </summary>
    public string Export(Project project, string path, string? format = null, ExportOptions? options = null)
    {
        var full = Policy.Resolve(path);
        var writer = FormatRegistry.Resolve(format, path, forWriting: true);
        var context = new ExportContext(full, options);
        CheckCoordinates(project, writer, path);
        AtomicFile.Write(full, stream => writer.Write(project, stream, context), path);
        foreach (var (companion, write) in context.Companions)
            AtomicFile.Write(Policy.Resolve(companion), write, companion);
        return full;
    }

    /// <summary>Refuses, before writing, a project the format could not read back (the whole project would be lost).</summary>
    private static void CheckCoordinates(Project project, VoxelFormat writer, string path)
    {
        if (writer.CoordinateLimit is not { } limit || Project.Bounds(project.Layers) is not { } box) return;
        long reach = new[] { box.Min.X, box.Min.Y, box.Min.Z, box.Max.X, box.Max.Y, box.Max.Z }.Max(c => Math.Abs((long)c));
        if (reach > limit)
            throw new VoxelFileException(VoxelFileError.Unsupported, path,
                $"the project reaches coordinate {reach} (box {box.Min} to {box.Max}) and {writer.Name} files hold only ±{limit}; such a file would not load back, so nothing was written");
    }

    /// <summary>Parses bytes already in memory (for tests and network uploads).</summary>
    public static Project Read(VoxelFormat format, byte[] data, string file)
    {
        try
        {
            return format.Read(data, file);
        }
        catch (VoxelFileException)
        {
            throw;
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentException or InvalidOperationException
                                      or OverflowException or OutOfMemoryException or FormatException or NullReferenceException)
        {
            // A reader bug must not take the daemon down: report it as a corrupt file.
            throw new VoxelFileException(VoxelFileError.Corrupt, file, $"cannot be parsed as {format.Name}: {e.Message}", e);
        }
    }

    private static Project Read(VoxelFormat format, string full, string display)
    {
        byte[] data;
        try
        {
            var info = new FileInfo(full);
            if (!info.Exists) throw new VoxelFileException(VoxelFileError.Io, display, "no such file");
            if (info.Length > Limits.MaxFileBytes) throw new VoxelFileException(VoxelFileError.Corrupt, display, $"the file is {info.Length} bytes, over the {Limits.MaxFileBytes} byte limit");
            data = File.ReadAllBytes(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VoxelFileException(VoxelFileError.Io, display, $"cannot read the file: {e.Message}", e);
        }
        if (data.Length == 0) throw new VoxelFileException(VoxelFileError.Corrupt, display, "the file is empty");
        return Read(format, data, display);
    }
}
