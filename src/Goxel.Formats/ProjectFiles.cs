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
    /// <summary>
    /// File operations under <paramref name="policy"/> (unrestricted when null); an export uses at
    /// most <paramref name="maxThreads"/> threads (-1: no bound).
    /// </summary>
    public ProjectFiles(PathPolicy? policy = null, int maxThreads = -1)
    {
        Policy = policy ?? PathPolicy.Unrestricted;
        MaxThreads = maxThreads;
    }

    /// <summary>Most threads one export uses; -1 for no bound.</summary>
    public int MaxThreads { get; }

    /// <summary>The workspace and allowed roots.</summary>
    public PathPolicy Policy { get; }

    /// <summary>
    /// Reads a file into a new project. <paramref name="format"/> overrides the content's magic
    /// number, which overrides the extension.
    /// </summary>
    public Project Load(string path, string? format = null)
    {
        var full = Policy.Resolve(path);
        var data = ReadBytes(full, path);
        return Read(FormatRegistry.ResolveForReading(format, path, data), data, path);
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
    public string Export(Project project, string path, string? format = null, ExportOptions? options = null, CancellationToken cancellation = default)
    {
        var full = Policy.Resolve(path);
        var writer = FormatRegistry.Resolve(format, path, forWriting: true);
        var context = new ExportContext(full, (options ?? ExportOptions.Default) with { MaxThreads = MaxThreads, Cancellation = cancellation });
        CheckCoordinates(project, writer, path);
        AtomicFile.Write(full, stream => writer.Write(project, new ExportStream(stream, long.MaxValue, "", cancellation), context), path);
        foreach (var (companion, write) in context.Companions)
            AtomicFile.Write(Policy.Resolve(companion), stream => write(new ExportStream(stream, long.MaxValue, "", cancellation)), companion);
        return full;
    }

    /// <summary>
    /// Writes <paramref name="project"/> in <paramref name="format"/> to memory instead of a file:
    /// the main file named <paramref name="name"/> first, then its companions (an OBJ's .mtl).
    /// Output past <paramref name="maxBytes"/> in all (named by <paramref name="maxBytesName"/>)
    /// stops the export with <see cref="WorkLimitException"/>.
    /// </summary>
    public static IReadOnlyList<ExportedFile> ExportToMemory(Project project, string name, string? format, ExportOptions? options,
        int maxThreads, long maxBytes, string maxBytesName, CancellationToken cancellation = default)
    {
        var writer = FormatRegistry.Resolve(format, name, forWriting: true);
        var context = new ExportContext(name, (options ?? ExportOptions.Default) with { MaxThreads = maxThreads, Cancellation = cancellation });
        CheckCoordinates(project, writer, name);
        var files = new List<ExportedFile>();
        var left = maxBytes;
        void Capture(string fileName, Action<Stream> write)
        {
            using var memory = new MemoryStream();
            write(new ExportStream(memory, left, maxBytesName, cancellation));
            left -= memory.Length;
            files.Add(new ExportedFile(Path.GetFileName(fileName), memory.ToArray()));
        }
        Capture(name, stream => writer.Write(project, stream, context));
        foreach (var (companion, write) in context.Companions) Capture(companion, write);
        return files;
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
            // A reader bug must not take the daemon down: report it as a corrupt file. The
            // exception's own message is left out: parsers quote the input they choke on, and a
            // client must never read a file's content through an error.
            throw new VoxelFileException(VoxelFileError.Corrupt, file, $"cannot be parsed as {format.Name} ({e.GetType().Name})", e);
        }
    }

    private static byte[] ReadBytes(string full, string display)
    {
        var data = ReadRegularFile(full, display, Limits.MaxFileBytes);
        if (data.Length == 0) throw new VoxelFileException(VoxelFileError.Corrupt, display, "the file is empty");
        return data;
    }

    /// <summary>
    /// The bytes of <paramref name="path"/> under the path policy (script files and the like),
    /// at most <paramref name="maxBytes"/>; only a regular file is read.
    /// </summary>
    public byte[] ReadBytes(string path, long maxBytes) => ReadRegularFile(Policy.Resolve(path), path, maxBytes);

    // Only regular files: reading a FIFO blocks until someone writes to it, /dev/zero never ends,
    // and a directory is no file to parse.
    private static byte[] ReadRegularFile(string full, string display, long maxBytes)
    {
        try
        {
            var kind = FileStatus.OfTarget(full).Kind;
            if (kind == FileKind.Missing) throw new VoxelFileException(VoxelFileError.Io, display, "no such file");
            if (kind != FileKind.Regular)
                throw new VoxelFileException(VoxelFileError.Io, display, $"not a regular file (a {kind.ToString().ToLowerInvariant()}); only regular files are read");
            var info = new FileInfo(full);
            if (info.Length > maxBytes) throw new VoxelFileException(VoxelFileError.Corrupt, display, $"the file is {info.Length} bytes, over the {maxBytes} byte limit");
            return File.ReadAllBytes(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VoxelFileException(VoxelFileError.Io, display, $"cannot read the file: {e.Message}", e);
        }
    }
}
