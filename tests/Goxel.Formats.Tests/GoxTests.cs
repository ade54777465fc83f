using Goxel.Core;
using Goxel.Formats.Gox;

namespace Goxel.Formats.Tests;

public sealed class GoxTests
{
    [Fact]
    public void UpstreamV2FileHasFourteenVoxelsAndUpstreamChecksum()
    {
        var project = Fixtures.Load("goxel-upstream-v2.gox");
        var layer = Assert.Single(project.Layers);
        Assert.Equal(14, layer.Volume.VoxelCount);
        Assert.Equal(0xc7c4c9ffu, VolumeChecksum.Compute(project.ActiveLayer.Volume));
    }

    [Fact]
    public void UpstreamV1FileUsesBlockCentresAndMatchesChecksum()
    {
        var project = Fixtures.Load("goxel-upstream-v1.gox");
        Assert.Equal(8, project.VoxelCount);
        Assert.Equal(0xb5e8d973u, VolumeChecksum.Compute(project.ActiveLayer.Volume));
    }

    [Fact]
    public void GoxelWrittenFileKeepsLayerIdNameMaterialAndCamera()
    {
        var project = Fixtures.Load("test.gox");
        var layer = Assert.Single(project.Layers);
        Assert.Equal("Layer.1", layer.Name);
        Assert.Equal(2, layer.Id);
        Assert.Equal(98, project.VoxelCount);
        Assert.NotEmpty(project.Materials);
        Assert.Same(project.Materials[0], layer.Material);
        Assert.NotEmpty(project.Cameras);
        Assert.NotNull(project.ActiveCamera);
    }

    [Fact]
    public void ThirdPartyFilesWithUnknownKeysAndOffsetBlocksLoad()
    {
        var rgb = Fixtures.Load("rgb.gox");
        Assert.Equal(99, rgb.VoxelCount);
        Assert.All(rgb.Layers, l => Assert.True(l.Id > 0));

        var knight = Fixtures.Load("chr_knight.gox");
        Assert.Equal(19, knight.Layers.Count);
        Assert.All(knight.Layers, l => Assert.DoesNotContain('\0', l.Name));
        Assert.Equal(19, knight.Layers.Select(l => l.Id).Distinct().Count());
    }

    [Fact]
    public void ShapeLayersAreRasterised()
    {
        var project = Fixtures.Load("gox-shape-3-layers.gox");
        Assert.Equal(4, project.Layers.Count);
        var flat = Flattening.VisibleLayers(project);
        Assert.Equal(1208, flat.VoxelCount);
    }

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 10)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomProjectsRoundTripLosslessly(int seed)
    {
        var project = RandomProjects.Make(seed, opaque: false);
        project.Materials.Add(new Material("Material.1") { Metallic = 0.7f, BaseColor = new(0.5f, 0.25f, 1, 1) });
        project.Layers[0].Material = project.Materials[0];
        project.Cameras.Add(new Camera("Camera.1") { Distance = 42, Orthographic = true, Transform = System.Numerics.Matrix4x4.CreateTranslation(1, 2, 3) });
        project.ActiveCamera = project.Cameras[0];
        project.ImageBox = new VoxelBox(new Int3(-10, -20, -3), new Int3(30, 5, 8));
        project.Layers[^1].Transform = System.Numerics.Matrix4x4.CreateTranslation(4, 5, 6);

        var back = RoundTrip(project);

        Assert.Equal(project.Layers.Count, back.Layers.Count);
        for (var i = 0; i < project.Layers.Count; i++)
        {
            var a = project.Layers[i];
            var b = back.Layers[i];
            Assert.Equal(a.Id, b.Id);
            Assert.Equal(a.Name, b.Name);
            Assert.Equal(a.Visible, b.Visible);
            Assert.Equal(a.Transform, b.Transform);
            Fixtures.AssertSameCells(Fixtures.Cells(a.Volume), Fixtures.Cells(b.Volume));
            Assert.Equal(VolumeChecksum.Compute(a.Volume), VolumeChecksum.Compute(b.Volume));
        }
        Assert.Equal(project.ImageBox, back.ImageBox);
        Assert.Equal(0.7f, back.Materials[0].Metallic);
        Assert.Same(back.Materials[0], back.Layers[0].Material);
        Assert.Equal(42, back.ActiveCamera!.Distance);
        Assert.True(back.ActiveCamera.Orthographic);
    }

    [Fact]
    public void GzippedFilesFromEarlyGoxelLoad()
    {
        var raw = File.ReadAllBytes(Fixtures.PathOf("test.gox"));
        using var packed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(packed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(raw);
        var project = new GoxFormat().Read(packed.ToArray(), "old.gox");
        Assert.Equal(98, project.VoxelCount);
        var broken = packed.ToArray()[..(int)(packed.Length / 2)];
        Assert.Contains("old.gox", Assert.Throws<VoxelFileException>(() => new GoxFormat().Read(broken, "old.gox")).Message);
    }

    [Fact]
    public void SharedBlocksAreWrittenOnce()
    {
        var project = new Project("p");
        project.ActiveLayer.Volume.FillBox(new VoxelBox(new Int3(0, 0, 0), new Int3(63, 63, 15)), new Rgba(1, 2, 3, 255));
        for (var i = 0; i < 20; i++) project.ActiveLayer.Volume.Set(i * 3, i, 1, new Rgba(9, 9, 9, 255));
        var copy = project.AddLayer(new Layer(7, "copy", project.Layers[0].Volume.Snapshot()));
        var bytes = Write(project);
        var blocks = CountChunks(bytes, "BL16");
        Assert.True(blocks <= project.Layers[0].Volume.BlockCount, $"{blocks} BL16 chunks for {project.Layers[0].Volume.BlockCount} blocks");
        var back = new GoxFormat().Read(bytes, "mem.gox");
        Fixtures.AssertSameCells(Fixtures.Cells(copy.Volume), Fixtures.Cells(back.FindLayer(7)!.Volume));
    }

    [Fact]
    public void SavedFilesReloadFromFixturesIdentically()
    {
        foreach (var name in new[] { "test.gox", "chr_knight.gox", "rgb.gox", "goxel-upstream-v1.gox" })
        {
            var project = Fixtures.Load(name);
            var back = RoundTrip(project);
            Assert.Equal(project.Layers.Select(l => (l.Id, l.Name, l.Visible)), back.Layers.Select(l => (l.Id, l.Name, l.Visible)));
            for (var i = 0; i < project.Layers.Count; i++)
                Assert.Equal(VolumeChecksum.Compute(project.Layers[i].Volume), VolumeChecksum.Compute(back.Layers[i].Volume));
        }
    }

    [Fact]
    public void WrittenFilesFollowUpstreamChunkOrderAndBlockEncoding()
    {
        var project = Fixtures.Load("test.gox");
        project.AddLayer("second").Volume.Set(40, -3, 2, new Rgba(1, 2, 3, 255));
        var bytes = Write(project);
        Assert.Equal("GOX ", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal(2, BitConverter.ToInt32(bytes, 4));
        var order = new List<string>();
        var pos = 8;
        while (pos < bytes.Length)
        {
            var type = System.Text.Encoding.ASCII.GetString(bytes, pos, 4);
            var length = BitConverter.ToInt32(bytes, pos + 4);
            if (type == "BL16")
            {
                // Upstream's debug build asserts 64x64, 8-bit RGBA (colour type 6).
                var png = bytes.AsSpan(pos + 8, length);
                Assert.Equal(64, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png[16..]));
                Assert.Equal(64, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png[20..]));
                Assert.Equal(8, png[24]);
                Assert.Equal(6, png[25]);
            }
            Assert.Equal(0, BitConverter.ToInt32(bytes, pos + 8 + length)); // CRC field, always 0
            if (order.Count == 0 || order[^1] != type) order.Add(type);
            pos += 12 + length;
        }
        Assert.Equal(bytes.Length, pos);
        Assert.Equal(["IMG ", "BL16", "MATE", "LAYR", "CAMR"], order);
    }

    [Fact]
    public void LayerColourIsSavedAndLayersWithoutOneStayWithout()
    {
        var project = new Project("coloured");
        var coloured = project.AddLayer("red label");
        coloured.Color = new Rgba(200, 10, 20, 255);
        coloured.Volume.Set(1, 2, 3, Rgba.White);
        var back = RoundTrip(project);
        Assert.Equal([null, new Rgba(200, 10, 20, 255)], back.Layers.Select(l => l.Color));
    }

    internal static byte[] Write(Project project)
    {
        using var stream = new MemoryStream();
        new GoxFormat().Write(project, stream, new ExportContext("mem.gox"));
        return stream.ToArray();
    }

    private static Project RoundTrip(Project project) => new GoxFormat().Read(Write(project), "mem.gox");

    private static int CountChunks(byte[] bytes, string type)
    {
        var count = 0;
        var pos = 8;
        while (pos + 8 <= bytes.Length)
        {
            if (System.Text.Encoding.ASCII.GetString(bytes, pos, 4) == type) count++;
            pos += 8 + BitConverter.ToInt32(bytes, pos + 4) + 4;
        }
        return count;
    }
}
