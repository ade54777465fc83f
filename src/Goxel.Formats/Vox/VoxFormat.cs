using Goxel.Core;

namespace Goxel.Formats.Vox;

/// <summary>MagicaVoxel .vox: indexed colours, models placed by a scene graph.</summary>
public sealed class VoxFormat : VoxelFormat
{
    /// <inheritdoc/>
    public override string Name => "vox";

    /// <inheritdoc/>
    /// <remarks>Model translations are read back within ±2^24 and a model spans up to 256 cells.</remarks>
    public override int? CoordinateLimit => (1 << 24) - 256;

    /// <inheritdoc/>
    public override IReadOnlyList<string> Extensions => [".vox"];

    /// <inheritdoc/>
    public override string Description => "MagicaVoxel (VOX 150, scene graph read and written; every layer, hidden ones flagged; 255 colours; TDCZ read)";

    /// <inheritdoc/>
    public override bool Flattens => false;

    /// <inheritdoc/>
    public override bool Recognises(ReadOnlySpan<byte> head) => head.StartsWith("VOX "u8);

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanWrite => true;

    /// <inheritdoc/>
    public override Project Read(byte[] data, string file) => VoxReader.Read(data, file);

    /// <inheritdoc/>
    public override void Write(Project project, Stream output, ExportContext context) => VoxWriter.Write(project, output);
}
