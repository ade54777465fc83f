namespace Goxel.Formats;

/// <summary>What went wrong with a voxel file, so callers can map it to an error code.</summary>
public enum VoxelFileError
{
    /// <summary>The bytes do not follow the format: truncated, corrupt, wrong magic, absurd sizes.</summary>
    Corrupt,

    /// <summary>No format has that name or extension.</summary>
    UnknownFormat,

    /// <summary>The format exists but cannot do that (for example reading an export-only format).</summary>
    Unsupported,

    /// <summary>The path is outside the allowed roots or otherwise refused.</summary>
    PathDenied,

    /// <summary>The operating system failed to read or write the file.</summary>
    Io,
}

/// <summary>
/// The one error every file operation of this library raises: its message names the file and
/// what is wrong with it. Corrupt input never surfaces as IndexOutOfRange, EndOfStream or
/// OutOfMemory; it becomes this.
/// </summary>
public sealed class VoxelFileException : Exception
{
    /// <summary>An error about <paramref name="file"/>.</summary>
    public VoxelFileException(VoxelFileError kind, string file, string problem, Exception? inner = null)
        : base($"{file}: {problem}", inner)
    {
        Kind = kind;
        File = file;
        Problem = problem;
    }

    /// <summary>The category of failure.</summary>
    public VoxelFileError Kind { get; }

    /// <summary>The file (as the caller named it) the error is about.</summary>
    public string File { get; }

    /// <summary>What is wrong, without the file name.</summary>
    public string Problem { get; }

    internal static VoxelFileException Corrupt(string file, string problem) => new(VoxelFileError.Corrupt, file, problem);
}
