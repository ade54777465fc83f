using System.Buffers.Binary;
using StbImageSharp;

namespace Goxel.Formats.Png;

/// <summary>
/// Decodes embedded PNGs with StbImageSharp (the C# port of the stb_image upstream Goxel uses),
/// after checking the declared size so a hostile header cannot make it allocate gigabytes.
/// </summary>
internal static class PngDecoder
{
    /// <summary>Decodes to RGBA bytes; the image must hold exactly <paramref name="pixelCount"/> pixels.</summary>
    public static byte[] DecodeRgba(ReadOnlySpan<byte> png, int pixelCount, ByteReader context, string what)
    {
        if (png.Length < 24 || !png[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            throw context.Fail($"{what} is not a PNG image");
        var width = BinaryPrimitives.ReadUInt32BigEndian(png[16..]);
        var height = BinaryPrimitives.ReadUInt32BigEndian(png[20..]);
        if ((ulong)width * height != (ulong)pixelCount)
            throw context.Fail($"{what} is {width}x{height} pixels, expected {pixelCount} pixels");
        ImageResult image;
        try
        {
            image = ImageResult.FromMemory(png.ToArray(), ColorComponents.RedGreenBlueAlpha);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw context.Fail($"{what} is a corrupt PNG ({e.Message})");
        }
        if (image?.Data is not { } data || data.Length != pixelCount * 4)
            throw context.Fail($"{what} could not be decoded");
        return data;
    }
}
