using System.Globalization;
using System.Runtime.InteropServices;

namespace Goxel.Core;

/// <summary>One voxel's colour: 8 bits per channel. Alpha 0 means the cell is empty.</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct Rgba(byte R, byte G, byte B, byte A)
{
    /// <summary>The empty voxel.</summary>
    public static readonly Rgba Empty = default;

    /// <summary>Opaque white, Goxel's default paint colour.</summary>
    public static readonly Rgba White = new(255, 255, 255, 255);

    /// <summary>True when the cell holds no voxel.</summary>
    public bool IsEmpty => A == 0;

    /// <summary>The colour as a little-endian word: R in the low byte, A in the high byte.</summary>
    public uint Packed => R | ((uint)G << 8) | ((uint)B << 16) | ((uint)A << 24);

    /// <summary>Rebuilds a colour from <see cref="Packed"/>.</summary>
    public static Rgba FromPacked(uint v) => new((byte)v, (byte)(v >> 8), (byte)(v >> 16), (byte)(v >> 24));

    /// <summary>"#RRGGBB" or "#RRGGBBAA" in either case; null when malformed.</summary>
    public static Rgba? FromHex(string text)
    {
        if (text.Length is not (7 or 9) || text[0] != '#') return null;
        if (!uint.TryParse(text.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v)) return null;
        if (text.Length == 7) v = (v << 8) | 0xFF;
        return new Rgba((byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v);
    }

    /// <summary>"#RRGGBBAA" in upper-case hex.</summary>
    public string ToHex() => $"#{R:X2}{G:X2}{B:X2}{A:X2}";

    /// <inheritdoc/>
    public override string ToString() => ToHex();
}
