using Goxel.Core;

namespace Goxel.Formats;

/// <summary>
/// One file format: its names, extensions and what it can do. Readers turn a whole file's bytes
/// into a project; writers turn a project into bytes on a stream.
/// </summary>
public abstract class VoxelFormat
{
    /// <summary>Upstream Goxel's name for the format ("gox", "png slices", ...).</summary>
    public abstract string Name { get; }

    /// <summary>Other accepted names ("txt" for "text", "qb" for "qubicle").</summary>
    public virtual IReadOnlyList<string> Aliases => [];

    /// <summary>File extensions with the dot, lower case; the first is the preferred one.</summary>
    public abstract IReadOnlyList<string> Extensions { get; }

    /// <summary>A one-line human description.</summary>
    public abstract string Description { get; }

    /// <summary>True when <see cref="Read"/> is implemented.</summary>
    public virtual bool CanRead => false;

    /// <summary>True when <see cref="Write"/> is implemented.</summary>
    public virtual bool CanWrite => false;

    /// <summary>
    /// True when the writer merges the visible layers into one volume (hidden layers and layer
    /// structure are lost); false when it keeps layers.
    /// </summary>
    public virtual bool Flattens => true;

    /// <summary>
    /// True when <paramref name="head"/>, the first bytes of a file, carries this format's magic
    /// number; lets a file be read whatever its extension says. False for formats without one.
    /// </summary>
    public virtual bool Recognises(ReadOnlySpan<byte> head) => false;

    /// <summary>
    /// The largest coordinate magnitude the format's reader accepts back, or null when any valid
    /// coordinate is fine. A project reaching past it is refused before anything is written.
    /// </summary>
    public virtual int? CoordinateLimit => null;

    /// <summary>Parses a whole file. <paramref name="file"/> is only used in error messages.</summary>
    public virtual Project Read(byte[] data, string file) =>
        throw new VoxelFileException(VoxelFileError.Unsupported, file, $"the {Name} format cannot be read, only exported");

    /// <summary>Writes <paramref name="project"/> (usually a snapshot) to <paramref name="output"/>.</summary>
    public virtual void Write(Project project, Stream output, ExportContext context) =>
        throw new VoxelFileException(VoxelFileError.Unsupported, context.Path, $"the {Name} format cannot be written");

    /// <inheritdoc/>
    public override string ToString() => Name;
}
