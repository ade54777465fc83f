namespace Goxel.Render;

/// <summary>A finished render in its file encoding, with what clients are told about it.</summary>
/// <param name="Bytes">The encoded file (PNG or JPEG).</param>
/// <param name="Format">The encoding.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="RenderTime">Time spent drawing, without encoding.</param>
/// <param name="EncodeTime">Time spent encoding.</param>
public sealed record EncodedRender(byte[] Bytes, ImageFormat Format, int Width, int Height, TimeSpan RenderTime, TimeSpan EncodeTime)
{
    /// <summary>The bytes as base64, for render_image's image_data.</summary>
    public string ToBase64() => Convert.ToBase64String(Bytes);
}
