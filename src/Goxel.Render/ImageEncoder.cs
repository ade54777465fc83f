using StbImageWriteSharp;

namespace Goxel.Render;

/// <summary>Encodes renders: PNG with <see cref="PngEncoder"/>, JPEG with StbImageWriteSharp (stb_image_write).</summary>
public static class ImageEncoder
{
    /// <summary>Default JPEG quality, 1-100.</summary>
    public const int DefaultJpegQuality = 90;

    /// <summary>The encoded bytes of <paramref name="image"/>.</summary>
    public static byte[] Encode(RenderImage image, ImageFormat format, int jpegQuality = DefaultJpegQuality)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (format == ImageFormat.Png) return PngEncoder.Encode(image);
        if (jpegQuality is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(jpegQuality), jpegQuality, "JPEG quality must be 1-100.");
        using var output = new MemoryStream(image.Width * image.Height / 8 + 1024);
        new ImageWriter().WriteJpg(image.Pixels, image.Width, image.Height, ColorComponents.RedGreenBlueAlpha, output, jpegQuality);
        return output.ToArray();
    }

    /// <summary>Width and height from a PNG or baseline/progressive JPEG header, or null when neither.</summary>
    public static (int Width, int Height)? ReadSize(ReadOnlySpan<byte> bytes)
    {
        if (PngEncoder.ReadSize(bytes) is { } png) return png;
        if (bytes.Length < 4 || bytes[0] != 0xFF || bytes[1] != 0xD8) return null;
        var i = 2;
        while (i + 9 < bytes.Length)
        {
            if (bytes[i] != 0xFF) return null;
            var marker = bytes[i + 1];
            var length = (bytes[i + 2] << 8) | bytes[i + 3];
            // SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
                return ((bytes[i + 7] << 8) | bytes[i + 8], (bytes[i + 5] << 8) | bytes[i + 6]);
            i += 2 + length;
        }
        return null;
    }
}
