using Goxel.Core;
using Goxel.Daemon.Viewer;

namespace Goxel.Daemon.Tests;

/// <summary>The viewer's block message encoder (engine level): encode, decode as the page does, same cells.</summary>
public sealed class BlockMessageTests
{
    private static Dictionary<(int, int, int), uint> Cells(Volume volume)
    {
        var cells = new Dictionary<(int, int, int), uint>();
        foreach (var v in volume) cells[(v.Position.X, v.Position.Y, v.Position.Z)] = v.Color.Packed;
        return cells;
    }

    [Fact]
    public void EveryBlockFormRoundTripsInItsSmallestKind()
    {
        var volume = new Volume();
        var rng = new Random(15);
        // One voxel (list), a full uniform block (palette of 1), a block of 40 colours (palette),
        // a block of random colours (dense), and a half-full block of few colours (palette).
        volume.Set(1, 2, 3, new Rgba(200, 10, 20, 255));
        volume.FillBox(new VoxelBox(new Int3(16, 0, 0), new Int3(31, 15, 15)), new Rgba(1, 2, 3, 255));
        for (var i = 0; i < 4096; i++) volume.Set(32 + (i & 15), (i >> 4) & 15, i >> 8, new Rgba((byte)(i % 40), 9, 9, 255));
        for (var i = 0; i < 4096; i++) volume.Set(-16 + (i & 15), -16 + ((i >> 4) & 15), -16 + (i >> 8), new Rgba((byte)rng.Next(256), (byte)rng.Next(256), (byte)rng.Next(256), 255));
        for (var i = 0; i < 4096; i += 2) volume.Set(48 + (i & 15), (i >> 4) & 15, i >> 8, new Rgba(5, 5, (byte)(i % 3), 128));
        var records = volume.Blocks.Select(b => new BlockRecord(7, b.Key, b.Value)).ToList();

        var message = BlockMessageReader.Decode(BlockMessage.Encode(true, 42, records).Span);

        Assert.True(message.Full);
        Assert.Equal(42ul, message.Version);
        var kinds = message.Records.ToDictionary(r => (r.X, r.Y, r.Z), r => r.Kind);
        Assert.Equal(2, kinds[(0, 0, 0)]);
        Assert.Equal(3, kinds[(16, 0, 0)]);
        Assert.Equal(3, kinds[(32, 0, 0)]);
        Assert.Equal(1, kinds[(-16, -16, -16)]);
        Assert.Equal(3, kinds[(48, 0, 0)]);
        var page = new BlockMessageReader.Page();
        page.Apply(message);
        Assert.Equal(Cells(volume), page.Voxels(7));
    }

    [Fact]
    public void ExactlyTwoHundredFiftySixColoursUseAFullPalette()
    {
        var volume = new Volume();
        for (var i = 0; i < 4096; i++) volume.Set(i & 15, (i >> 4) & 15, i >> 8, new Rgba((byte)(i % 256), 1, 1, 255));
        var message = BlockMessageReader.Decode(BlockMessage.Encode(false, 1, [.. volume.Blocks.Select(b => new BlockRecord(1, b.Key, b.Value))]).Span);
        Assert.Equal(3, Assert.Single(message.Records).Kind);
        var page = new BlockMessageReader.Page();
        page.Apply(message);
        Assert.Equal(Cells(volume), page.Voxels(1));
    }

    [Fact]
    public void RemovedBlocksAreEmptyRecordsAndDeltasKeepTheRest()
    {
        var volume = new Volume();
        volume.Set(0, 0, 0, Rgba.White);
        volume.Set(100, -50, 7, new Rgba(9, 8, 7, 255));
        var page = new BlockMessageReader.Page();
        page.Apply(BlockMessageReader.Decode(BlockMessage.Encode(true, 1, [.. volume.Blocks.Select(b => new BlockRecord(1, b.Key, b.Value))]).Span));

        var delta = BlockMessageReader.Decode(BlockMessage.Encode(false, 2, [new BlockRecord(1, Volume.BlockOf(0, 0, 0), null)]).Span);
        Assert.False(delta.Full);
        Assert.Equal(0, Assert.Single(delta.Records).Kind);
        page.Apply(delta);

        Assert.Equal(new Dictionary<(int, int, int), uint> { [(100, -50, 7)] = new Rgba(9, 8, 7, 255).Packed }, page.Voxels(1));
        Assert.Equal(2ul, page.Version);
    }
}
