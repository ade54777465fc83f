namespace Goxel.Render;

/// <summary>A rendered picture: 8-bit RGBA, rows top to bottom, no padding.</summary>
public sealed class RenderImage
{
    /// <summary>A picture of the given size over <paramref name="pixels"/> (width * height * 4 bytes).</summary>
    public RenderImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != (long)width * height * 4)
            throw new ArgumentException("Pixel buffer does not match the image size.", nameof(pixels));
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>RGBA bytes, row-major from the top-left pixel.</summary>
    public byte[] Pixels { get; }

    /// <summary>The pixel at (x, y), y = 0 being the top row.</summary>
    public (byte R, byte G, byte B, byte A) this[int x, int y]
    {
        get
        {
            var i = (y * Width + x) * 4;
            return (Pixels[i], Pixels[i + 1], Pixels[i + 2], Pixels[i + 3]);
        }
    }

    /// <summary>True when any pixel has alpha below 255.</summary>
    public bool HasTransparency()
    {
        for (var i = 3; i < Pixels.Length; i += 4)
            if (Pixels[i] != 255) return true;
        return false;
    }
}
