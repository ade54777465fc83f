using Goxel.Core;

namespace Goxel.Core.Tests;

/// <summary>Random edit sequences checked against a plain dictionary of cells.</summary>
public sealed class VolumeModelTests
{
    private static Rgba RandomColor(Random rng) =>
        rng.Next(5) == 0 ? Rgba.Empty : new Rgba((byte)rng.Next(256), (byte)rng.Next(256), (byte)rng.Next(256), (byte)rng.Next(1, 256));

    private static Int3 RandomCell(Random rng, int spread) =>
        new(rng.Next(-spread, spread), rng.Next(-spread, spread), rng.Next(-spread, spread));

    private static void Apply(Random rng, Volume volume, Dictionary<Int3, Rgba> model, int spread)
    {
        if (rng.Next(10) == 0)
        {
            var corner = RandomCell(rng, spread);
            var box = VoxelBox.FromCorners(corner, new Int3(corner.X + rng.Next(-20, 21), corner.Y + rng.Next(-20, 21), corner.Z + rng.Next(-20, 21)));
            var color = RandomColor(rng);
            volume.FillBox(box, color);
            for (var z = box.Min.Z; z <= box.Max.Z; z++)
            for (var y = box.Min.Y; y <= box.Max.Y; y++)
            for (var x = box.Min.X; x <= box.Max.X; x++)
                Write(model, new Int3(x, y, z), color);
        }
        else
        {
            var p = RandomCell(rng, spread);
            var color = RandomColor(rng);
            volume.Set(p, color);
            Write(model, p, color);
        }
    }

    private static void Write(Dictionary<Int3, Rgba> model, Int3 p, Rgba color)
    {
        if (color.IsEmpty) model.Remove(p);
        else model[p] = color;
    }

    private static void AssertSame(Dictionary<Int3, Rgba> model, Volume volume)
    {
        Assert.Equal(model.Count, volume.VoxelCount);
        var seen = 0;
        foreach (var voxel in volume)
        {
            Assert.Equal(model[voxel.Position], voxel.Color);
            seen++;
        }
        Assert.Equal(model.Count, seen);
        foreach (var (p, color) in model) Assert.Equal(color, volume.Get(p));
        if (model.Count == 0)
        {
            Assert.Null(volume.Bounds());
            return;
        }
        var expected = new VoxelBox(
            new Int3(model.Keys.Min(p => p.X), model.Keys.Min(p => p.Y), model.Keys.Min(p => p.Z)),
            new Int3(model.Keys.Max(p => p.X), model.Keys.Max(p => p.Y), model.Keys.Max(p => p.Z)));
        Assert.Equal(expected, volume.Bounds());
    }

    [Theory]
    [InlineData(1, 8)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(4, 70)]
    public void RandomEditsMatchDictionaryModel(int seed, int spread)
    {
        var rng = new Random(seed);
        var volume = new Volume();
        var model = new Dictionary<Int3, Rgba>();
        for (var i = 0; i < 3000; i++) Apply(rng, volume, model, spread);
        AssertSame(model, volume);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(15)]
    public void SnapshotsAreUnaffectedByLaterEdits(int seed)
    {
        var rng = new Random(seed);
        var volume = new Volume();
        var model = new Dictionary<Int3, Rgba>();
        var snapshots = new List<(Volume Snapshot, Dictionary<Int3, Rgba> Model)>();
        for (var round = 0; round < 8; round++)
        {
            for (var i = 0; i < 300; i++) Apply(rng, volume, model, 24);
            snapshots.Add((volume.Snapshot(), new Dictionary<Int3, Rgba>(model)));
            // Edit some snapshots too: writes on one side never show on the other.
            if (rng.Next(3) == 0)
            {
                var (snap, snapModel) = snapshots[rng.Next(snapshots.Count)];
                for (var i = 0; i < 50; i++) Apply(rng, snap, snapModel, 24);
            }
        }
        AssertSame(model, volume);
        foreach (var (snapshot, snapshotModel) in snapshots) AssertSame(snapshotModel, snapshot);
    }

    [Fact]
    public void SnapshotCopiesBlockMapNotCells()
    {
        var volume = new Volume();
        volume.FillBox(new VoxelBox(new Int3(0, 0, 0), new Int3(63, 63, 63)), Rgba.White);
        volume.Set(1, 2, 3, new Rgba(1, 2, 3, 255));
        var snapshot = volume.Snapshot();
        Assert.Equal(volume.BlockCount, snapshot.BlockCount);
        Assert.Same(volume.Blocks[new Int3(0, 0, 0)], snapshot.Blocks[new Int3(0, 0, 0)]);
        volume.Set(1, 2, 3, Rgba.White);
        Assert.NotSame(volume.Blocks[new Int3(0, 0, 0)], snapshot.Blocks[new Int3(0, 0, 0)]);
        Assert.Same(volume.Blocks[new Int3(1, 1, 1)], snapshot.Blocks[new Int3(1, 1, 1)]);
        Assert.Equal(new Rgba(1, 2, 3, 255), snapshot.Get(1, 2, 3));
    }

    [Fact]
    public void WholeBlocksOfOneColourKeepNoCellArray()
    {
        var volume = new Volume();
        volume.FillBox(new VoxelBox(new Int3(-16, -16, -16), new Int3(31, 31, 31)), new Rgba(9, 9, 9, 255));
        Assert.Equal(27, volume.BlockCount);
        Assert.All(volume.Blocks.Values, b => Assert.True(b.IsUniform));
        Assert.Equal(48L * 48 * 48, volume.VoxelCount);
        volume.FillBox(new VoxelBox(new Int3(-16, -16, -16), new Int3(31, 31, 31)), Rgba.Empty);
        Assert.Equal(0, volume.BlockCount);
        Assert.Equal(0, volume.VoxelCount);
    }

    [Fact]
    public void NegativeCoordinatesLandInTheRightBlock()
    {
        var volume = new Volume();
        volume.Set(-1, -16, -17, Rgba.White);
        Assert.True(volume.Blocks.ContainsKey(new Int3(-1, -1, -2)));
        Assert.Equal(new VoxelBox(new Int3(-1, -16, -17), new Int3(-1, -16, -17)), volume.Bounds());
    }

    [Fact]
    public void ReaderSeesSameCellsAsVolume()
    {
        var rng = new Random(5);
        var volume = new Volume();
        var model = new Dictionary<Int3, Rgba>();
        for (var i = 0; i < 2000; i++) Apply(rng, volume, model, 30);
        var reader = volume.CreateReader();
        for (var i = 0; i < 5000; i++)
        {
            var p = RandomCell(rng, 32);
            Assert.Equal(model.GetValueOrDefault(p), reader.Get(p.X, p.Y, p.Z));
        }
    }
}
