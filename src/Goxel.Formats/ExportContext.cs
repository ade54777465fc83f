namespace Goxel.Formats;

/// <summary>What a writer knows besides the project: where it is writing, and the options.</summary>
public sealed class ExportContext
{
    private readonly List<(string Path, Action<Stream> Write)> _companions = [];

    /// <summary>A context for writing to <paramref name="path"/>.</summary>
    public ExportContext(string path, ExportOptions? options = null)
    {
        Path = path;
        Options = options ?? ExportOptions.Default;
    }

    /// <summary>The destination file (used in messages and to name companion files).</summary>
    public string Path { get; }

    /// <summary>The writer options.</summary>
    public ExportOptions Options { get; }

    /// <summary>Companion files a writer asked for (an OBJ's .mtl), written after the main file.</summary>
    public IReadOnlyList<(string Path, Action<Stream> Write)> Companions => _companions;

    /// <summary>Asks for a file beside the main one, with the same base name and another extension.</summary>
    public string AddCompanion(string extension, Action<Stream> write)
    {
        var path = System.IO.Path.ChangeExtension(Path, extension);
        _companions.Add((path, write));
        return System.IO.Path.GetFileName(path);
    }
}
