using Goxel.Core;

namespace Goxel.Formats.Gox;

/// <summary>Goxel's native format: layers, blocks as PNG, materials, cameras, image box.</summary>
public sealed class GoxFormat : VoxelFormat
{
    /// <inheritdoc/>
    public override string Name => "gox";

    /// <inheritdoc/>
    /// <remarks>Block positions are read back within ±2^30.</remarks>
    public override int? CoordinateLimit => 1 << 30;

    /// <inheritdoc/>
    public override IReadOnlyList<string> Extensions => [".gox"];

    /// <inheritdoc/>
    public override string Description => "Goxel project (v1 and v2 read, v2 written)";

    /// <inheritdoc/>
    public override bool Recognises(ReadOnlySpan<byte> head) => head.StartsWith("GOX "u8);

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanWrite => true;

    /// <inheritdoc/>
    public override bool Flattens => false;

    /// <inheritdoc/>
    public override Project Read(byte[] data, string file) =>
        GoxReader.Read(data.Length > 2 && data[0] == 0x1F && data[1] == 0x8B ? Gunzip(data, file) : data, file);

    // The first Goxel releases wrote .gox through zlib's gzopen, so old files may be gzip
    // streams; the output is capped so a gzip bomb ends in an error.
    private static byte[] Gunzip(byte[] data, string file)
    {
        try
        {
            using var input = new System.IO.Compression.GZipStream(new MemoryStream(data), System.IO.Compression.CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[1 << 16];
            int n;
            while ((n = input.Read(buffer)) > 0)
            {
                if (output.Length + n > Limits.MaxFileBytes) throw VoxelFileException.Corrupt(file, $"the gzip stream expands beyond {Limits.MaxFileBytes} bytes");
                output.Write(buffer, 0, n);
            }
            return output.ToArray();
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw VoxelFileException.Corrupt(file, $"corrupt gzip stream ({e.Message})");
        }
    }

    /// <inheritdoc/>
    public override void Write(Project project, Stream output, ExportContext context) => GoxWriter.Write(project, output);
}
