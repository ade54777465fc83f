using Goxel.Core;

namespace Goxel.Formats;

/// <summary>Goxel's OVER ("Add") blend: the rule flattening exporters and shape layers use.</summary>
internal static class ColorBlend
{
    /// <summary>Source <paramref name="b"/> drawn over destination <paramref name="a"/>, with upstream's integer maths.</summary>
    public static Rgba Over(Rgba a, Rgba b)
    {
        if (b.A == 255 || a.A == 0) return b.A == 0 ? a : b;
        if (b.A == 0) return a;
        int ba = b.A, aa = a.A;
        var den = 255 * ba + aa * (255 - ba);
        var alpha = ba + aa * (255 - ba) / 255;
        return new Rgba(
            (byte)((255 * b.R * ba + a.R * aa * (255 - ba)) / den),
            (byte)((255 * b.G * ba + a.G * aa * (255 - ba)) / den),
            (byte)((255 * b.B * ba + a.B * aa * (255 - ba)) / den),
            (byte)alpha);
    }
}
