using Goxel.Render;

namespace Goxel.Formats;

/// <summary>
/// Writes a file atomically (temporary file in the same folder, flush, rename; the previous file
/// survives any failure), with errors as <see cref="VoxelFileException"/>.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>; errors become <see cref="VoxelFileException"/>.</summary>
    public static void Write(string path, Action<Stream> write, string? displayName = null)
    {
        try
        {
            RenderOutput.WriteAtomically(path, write, ownerOnly: false);
        }
        catch (IOException e)
        {
            throw new VoxelFileException(VoxelFileError.Io, displayName ?? path, e.Message, e);
        }
    }
}
