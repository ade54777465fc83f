using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Goxel.Formats.Png;

/// <summary>
/// A minimal PNG writer for 8-bit RGBA or RGB images (signature, IHDR, one IDAT, IEND): enough
/// for .gox blocks and PNG slices, with deterministic bytes so files can be compared.
/// </summary>
internal static class PngEncoder
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Encodes <paramref name="pixels"/> (rows top first, <paramref name="channels"/> 3 or 4 bytes per pixel).</summary>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, int channels = 4, CompressionLevel level = CompressionLevel.Optimal)
    {
        var stride = width * channels;
        if (pixels.Length < (long)stride * height) throw new ArgumentException("Pixel buffer is smaller than width x height.", nameof(pixels));
        using var output = new MemoryStream();
        output.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;
        header[9] = (byte)(channels == 4 ? 6 : 2);
        WriteChunk(output, "IHDR"u8, header);

        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, level, leaveOpen: true))
            {
                for (var row = 0; row < height; row++)
                {
                    zlib.WriteByte(0); // filter type None: blocks compress well without filtering
                    zlib.Write(pixels.Slice(row * stride, stride));
                }
            }
            WriteChunk(output, "IDAT"u8, compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        }
        WriteChunk(output, "IEND"u8, []);
        return output.ToArray();
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);
        var crc = new Crc32();
        crc.Append(type);
        crc.Append(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, crc.GetCurrentHashAsUInt32());
        output.Write(word);
    }
}
