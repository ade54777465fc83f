using System.Runtime.CompilerServices;

namespace Goxel.Render;

/// <summary>
/// Colour space conversions as upstream's shader does them: pow 2.2 in and 1/2.2 out (not the
/// exact sRGB curve), through tables so a pixel costs no pow calls.
/// </summary>
internal static class Gamma
{
    // Fine steps: the 1/2.2 curve is steep near black, where coarse steps would band dark colours.
    private const int OutSteps = 65536;

    private static readonly float[] ToLinearTable = BuildToLinear();
    private static readonly byte[] ToSrgbTable = BuildToSrgb();

    /// <summary>Linear value of an 8-bit sRGB channel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ToLinear(uint channel) => ToLinearTable[channel & 0xFF];

    /// <summary>8-bit sRGB channel of a linear value (clamped to [0, 1]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte ToSrgb(float linear)
    {
        var i = (int)(linear * (OutSteps - 1) + 0.5f);
        return ToSrgbTable[Math.Clamp(i, 0, OutSteps - 1)];
    }

    private static float[] BuildToLinear()
    {
        var table = new float[256];
        for (var i = 0; i < 256; i++) table[i] = MathF.Pow(i / 255f, 2.2f);
        return table;
    }

    private static byte[] BuildToSrgb()
    {
        var table = new byte[OutSteps];
        for (var i = 0; i < OutSteps; i++)
            table[i] = (byte)Math.Clamp((int)(MathF.Pow(i / (float)(OutSteps - 1), 1f / 2.2f) * 255f + 0.5f), 0, 255);
        return table;
    }
}
