using Goxel.Core;

namespace Goxel.Formats.Vox;

/// <summary>MagicaVoxel's built-in palette, used when a file has no RGBA chunk.</summary>
internal static class VoxPalette
{
    /// <summary>Entry i is the colour of voxel index i; entry 0 is empty.</summary>
    public static Rgba[] Default { get; } = Build();

    // The table is regular: index 1..215 walk a 6x6x6 cube (R slowest, B fastest, levels FF down
    // to 00, black left out), then 10-step ramps of red, green, blue and grey (EE, DD, BB, AA,
    // 88, 77, 55, 44, 22, 11).
    private static Rgba[] Build()
    {
        var palette = new Rgba[256];
        var i = 1;
        byte[] levels = [0xFF, 0xCC, 0x99, 0x66, 0x33, 0x00];
        foreach (var r in levels)
        foreach (var g in levels)
        foreach (var b in levels)
            if (i <= 215) palette[i++] = new Rgba(r, g, b, 255);
        byte[] ramp = [0xEE, 0xDD, 0xBB, 0xAA, 0x88, 0x77, 0x55, 0x44, 0x22, 0x11];
        foreach (var v in ramp) palette[i++] = new Rgba(v, 0, 0, 255);
        foreach (var v in ramp) palette[i++] = new Rgba(0, v, 0, 255);
        foreach (var v in ramp) palette[i++] = new Rgba(0, 0, v, 255);
        foreach (var v in ramp) palette[i++] = new Rgba(v, v, v, 255);
        return palette;
    }
}
