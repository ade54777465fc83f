using Goxel.Core;
using Goxel.Render.Tests.Scenes;
using Goxel.Render.Tests.Support;

namespace Goxel.Render.Tests;

public sealed class PngEncoderTests
{
    [Fact]
    public void OpaqueRenderRoundTripsThroughIndependentDecoder()
    {
        var image = new VoxelRenderer().Render(SampleScenes.TenThousandVoxels().Snapshot(), new RenderOptions { Width = 97, Height = 61 });
        var png = PngEncoder.Encode(image);
        Assert.Equal(2, png[25]); // colour type RGB: every pixel is opaque
        Assert.Equal(image.Pixels, Images.Decode(png).Pixels);
        Assert.Equal((97, 61), PngEncoder.ReadSize(png));
    }

    [Fact]
    public void TransparentRenderKeepsAlpha()
    {
        var image = new VoxelRenderer().Render(SampleScenes.CubeOnFloor().Snapshot(), new RenderOptions { Width = 40, Height = 30, Background = Background.Transparent });
        var png = PngEncoder.Encode(image);
        Assert.Equal(6, png[25]); // RGBA
        Assert.Equal(image.Pixels, Images.Decode(png).Pixels);
    }

    [Fact]
    public void SamePixelsGiveSameBytes()
    {
        var image = new RenderImage(3, 2, [.. Enumerable.Range(0, 24).Select(i => (byte)(i * 10))]);
        Assert.Equal(PngEncoder.Encode(image), PngEncoder.Encode(image));
    }

    [Fact]
    public void ReadSizeRejectsOtherBytes() => Assert.Null(PngEncoder.ReadSize([1, 2, 3]));
}
