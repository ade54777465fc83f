using Goxel.Core;

namespace Goxel.Formats.Gox;

/// <summary>Goxel's native format: layers, blocks as PNG, materials, cameras, image box.</summary>
public sealed class GoxFormat : VoxelFormat
{
    /// <inheritdoc/>
    public override string Name => "gox";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Extensions => [".gox"];

    /// <inheritdoc/>
    public override string Description => "Goxel project (v1 and v2 read, v2 written)";

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanWrite => true;

    /// <inheritdoc/>
    public override bool Flattens => false;

    /// <inheritdoc/>
    public override Project Read(byte[] data, string file) => GoxReader.Read(data, file);

    /// <inheritdoc/>
    public override void Write(Project project, Stream output, ExportContext context) => GoxWriter.Write(project, output);
}
