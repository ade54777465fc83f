using System.Globalization;

namespace Goxel.Mcp;

/// <summary>
/// A tool's colour argument: "#RRGGBB" / "#RRGGBBAA" in <c>color</c>, or [r,g,b] / [r,g,b,a]
/// (0-255) in <c>rgba</c>. Both forms end up as the four bytes the daemon stores.
/// </summary>
internal static class VoxelColor
{
    /// <summary>What every colour parameter's description says.</summary>
    public const string Help = "Colour as \"#RRGGBB\" or \"#RRGGBBAA\" (hex).";

    /// <summary>What every rgba parameter's description says.</summary>
    public const string RgbaHelp = "Colour as [r,g,b] or [r,g,b,a], each 0-255; use instead of color.";

    /// <summary>The colour the arguments give, <paramref name="fallback"/> when neither is given.</summary>
    /// <exception cref="ArgumentException">Both given, or either malformed.</exception>
    public static int[] Resolve(string? color, int[]? rgba, int[]? fallback = null)
    {
        if (color is not null && rgba is not null) throw new ArgumentException("give either color or rgba, not both");
        if (rgba is not null) return FromArray(rgba, "rgba");
        if (color is not null) return FromHex(color);
        return fallback ?? throw new ArgumentException("a colour is required: color \"#RRGGBB\" or rgba [r,g,b,a]");
    }

    /// <summary>Opaque white, the daemon's colour for a voxel given none.</summary>
    public static int[] White => [255, 255, 255, 255];

    /// <summary>[r,g,b(,a)] checked to 0-255, alpha 255 when absent.</summary>
    public static int[] FromArray(ReadOnlySpan<int> rgba, string what)
    {
        if (rgba.Length is not (3 or 4)) throw new ArgumentException($"{what} must be [r,g,b] or [r,g,b,a]");
        foreach (var c in rgba)
            if (c is < 0 or > 255) throw new ArgumentException($"{what} components must be 0-255, got {c}");
        return [rgba[0], rgba[1], rgba[2], rgba.Length == 4 ? rgba[3] : 255];
    }

    private static int[] FromHex(string text)
    {
        var hex = text.StartsWith('#') ? text.AsSpan(1) : text.AsSpan();
        if (hex.Length is not (6 or 8) || !uint.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            throw new ArgumentException($"color must be \"#RRGGBB\" or \"#RRGGBBAA\", got \"{text}\"");
        if (hex.Length == 6) value = (value << 8) | 0xFF;
        return [(int)(value >> 24), (int)((value >> 16) & 0xFF), (int)((value >> 8) & 0xFF), (int)(value & 0xFF)];
    }
}
