using Goxel.Core;

namespace Goxel.Render;

/// <summary>What empty pixels show: a vertical gradient from <see cref="Top"/> to <see cref="Bottom"/>.</summary>
/// <param name="Top">Colour of the top row.</param>
/// <param name="Bottom">Colour of the bottom row.</param>
public readonly record struct Background(Rgba Top, Rgba Bottom)
{
    /// <summary>The daemon's default, opaque (240, 240, 240).</summary>
    public static Background Default { get; } = Solid(new Rgba(240, 240, 240, 255));

    /// <summary>Fully transparent pixels (alpha 0), for compositing.</summary>
    public static Background Transparent { get; } = Solid(Rgba.Empty);

    /// <summary>Upstream Goxel's export background: back colour (70, 70, 70) as a gradient from (19, 19, 19) to (121, 121, 121).</summary>
    public static Background Goxel { get; } = new(new Rgba(19, 19, 19, 255), new Rgba(121, 121, 121, 255));

    /// <summary>One colour everywhere.</summary>
    public static Background Solid(Rgba color) => new(color, color);
}
