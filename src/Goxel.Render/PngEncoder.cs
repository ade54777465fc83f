using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Goxel.Render;

/// <summary>
/// Writes RGBA (or RGB, when every pixel is opaque) 8-bit PNGs with System.IO.Compression's zlib
/// and the "up" filter on every row: renders are large flat areas, which "up" turns into long
/// zero runs. Deterministic bytes for the same pixels. The one PNG writer of the code base:
/// renders, .gox blocks and PNG slices all go through it.
/// </summary>
public static class PngEncoder
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The PNG bytes of <paramref name="image"/>.</summary>
    public static byte[] Encode(RenderImage image, CompressionLevel level = CompressionLevel.Fastest)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var output = new MemoryStream(image.Width * image.Height / 4 + 1024);
        Encode(image, output, level);
        return output.ToArray();
    }

    /// <summary>Writes the PNG bytes of <paramref name="image"/> to <paramref name="output"/>.</summary>
    public static void Encode(RenderImage image, Stream output, CompressionLevel level = CompressionLevel.Fastest)
    {
        ArgumentNullException.ThrowIfNull(image);
        Encode(image.Pixels, image.Width, image.Height, output, keepAlpha: image.HasTransparency(), level);
    }

    /// <summary>
    /// Writes <paramref name="rgba"/> (rows top first, 4 bytes a pixel) as a PNG; without
    /// <paramref name="keepAlpha"/> the alpha channel is dropped (an RGB PNG).
    /// </summary>
    public static void Encode(ReadOnlySpan<byte> rgba, int width, int height, Stream output, bool keepAlpha, CompressionLevel level = CompressionLevel.Fastest)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (rgba.Length < (long)width * height * 4) throw new ArgumentException("Pixel buffer is smaller than width x height.", nameof(rgba));
        var opaque = !keepAlpha;
        var channels = opaque ? 3 : 4;
        output.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;                        // bit depth
        header[9] = (byte)(opaque ? 2 : 6);   // colour type: RGB or RGBA
        WriteChunk(output, "IHDR"u8, header);

        using (var idat = new MemoryStream())
        {
            using (var zlib = new ZLibStream(idat, level, leaveOpen: true))
            {
                var stride = width * channels;
                var row = new byte[stride + 1];
                var previous = new byte[stride];
                var current = new byte[stride];
                row[0] = 2; // filter: up
                for (var y = 0; y < height; y++)
                {
                    var source = rgba.Slice(y * width * 4, width * 4);
                    if (opaque) DropAlpha(source, current);
                    else source.CopyTo(current);
                    for (var i = 0; i < stride; i++) row[i + 1] = (byte)(current[i] - previous[i]);
                    zlib.Write(row);
                    (previous, current) = (current, previous);
                }
            }
            WriteChunk(output, "IDAT"u8, idat.GetBuffer().AsSpan(0, (int)idat.Length));
        }
        WriteChunk(output, "IEND"u8, []);
    }

    /// <summary>Width and height from a PNG's IHDR, or null when the bytes are not a PNG.</summary>
    public static (int Width, int Height)? ReadSize(ReadOnlySpan<byte> png)
    {
        if (png.Length < 24 || !png[..8].SequenceEqual(Signature) || !png.Slice(12, 4).SequenceEqual("IHDR"u8)) return null;
        return (BinaryPrimitives.ReadInt32BigEndian(png[16..]), BinaryPrimitives.ReadInt32BigEndian(png[20..]));
    }

    private static void DropAlpha(ReadOnlySpan<byte> rgba, Span<byte> rgb)
    {
        for (int i = 0, j = 0; i < rgba.Length; i += 4, j += 3)
        {
            rgb[j] = rgba[i];
            rgb[j + 1] = rgba[i + 1];
            rgb[j + 2] = rgba[i + 2];
        }
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
