namespace Goxel.Render;

/// <summary>Encodings a render can be delivered in.</summary>
public enum ImageFormat
{
    /// <summary>Lossless PNG (RGB, or RGBA when the background is transparent).</summary>
    Png,

    /// <summary>Baseline JPEG (no alpha: transparent pixels become black).</summary>
    Jpeg,
}

/// <summary>Names and file extensions of <see cref="ImageFormat"/>.</summary>
public static class ImageFormats
{
    /// <summary>Accepted names, lower case.</summary>
    public static IReadOnlyList<string> Names { get; } = ["png", "jpeg", "jpg"];

    /// <summary>Parses "png", "jpeg" or "jpg" (case-insensitive; null or empty means PNG); throws <see cref="ArgumentException"/> otherwise.</summary>
    public static ImageFormat Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "png" => ImageFormat.Png,
        "jpeg" or "jpg" => ImageFormat.Jpeg,
        _ => throw new ArgumentException($"Unknown image format '{name}'; expected png or jpeg.", nameof(name)),
    };

    /// <summary>The wire name: "png" or "jpeg".</summary>
    public static string Name(this ImageFormat format) => format == ImageFormat.Jpeg ? "jpeg" : "png";

    /// <summary>The file extension without a dot: "png" or "jpg".</summary>
    public static string Extension(this ImageFormat format) => format == ImageFormat.Jpeg ? "jpg" : "png";
}
