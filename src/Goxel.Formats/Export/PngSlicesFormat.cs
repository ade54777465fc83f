using System.IO.Compression;
using Goxel.Core;
using Goxel.Render;

namespace Goxel.Formats.Export;

/// <summary>
/// Upstream's "png slices": the image box (w x h x d) of the flattened visible layers as one
/// RGBA PNG of w*d by h pixels; pixel (z*w + x, y) is voxel (x0+x, y0+y, z0+z), row 0 the lowest
/// y, alpha kept.
/// </summary>
public sealed class PngSlicesFormat : VoxelFormat
{
    private const long MaxPixels = 1L << 26;

    /// <inheritdoc/>
    public override string Name => "png slices";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Aliases => ["png-slices", "slices"];

    /// <inheritdoc/>
    public override IReadOnlyList<string> Extensions => [".png"];

    /// <inheritdoc/>
    public override string Description => "Z slices of the image box side by side in one PNG";

    /// <inheritdoc/>
    public override bool CanWrite => true;

    /// <inheritdoc/>
    public override void Write(Project project, Stream output, ExportContext context)
    {
        var volume = Flattening.VisibleLayers(project);
        var box = project.ImageBox.IsValid ? project.ImageBox : volume.Bounds() ?? Project.DefaultImageBox;
        var size = box.Size;
        if (box.CellCount > MaxPixels || (long)size.X * size.Z > int.MaxValue / 4)
            throw new VoxelFileException(VoxelFileError.Unsupported, context.Path, $"the image box {size.X}x{size.Y}x{size.Z} is too large for PNG slices");
        int width = size.X * size.Z, height = size.Y;
        var pixels = new byte[(long)width * height * 4];
        var reader = volume.CreateReader();
        for (var z = 0; z < size.Z; z++)
        for (var y = 0; y < size.Y; y++)
        for (var x = 0; x < size.X; x++)
        {
            var c = reader.Get(box.Min.X + x, box.Min.Y + y, box.Min.Z + z);
            var at = ((long)y * width + z * size.X + x) * 4;
            pixels[at] = c.R; pixels[at + 1] = c.G; pixels[at + 2] = c.B; pixels[at + 3] = c.A;
        }
        PngEncoder.Encode(pixels, width, height, output, keepAlpha: true, CompressionLevel.Optimal);
    }
}
