using Goxel.Core;

namespace Goxel.Core.Tests;

/// <summary>
/// <see cref="Volume.SetMany"/>: random batches against a dictionary model. Blocks that take
/// many writes of a batch are built whole, their form chosen once (uniform, list, palette or
/// dense); the rest are written cell by cell. Each batch runs in an undo step, with a snapshot
/// taken before it.
/// </summary>
public sealed class BatchWriteTests
{
    private static readonly int Many = Volume.WholeBlockWrites;

    /// <summary>How one block of a batch is written: how many writes, of how many colours, what share empties.</summary>
    private sealed record Spot(int Writes, int Colors, double Empty, bool InOrder = false);

    // From the first: a whole uniform block, a palette of 16, a dense block of many colours, a
    // list of many colours, a few scattered writes (cell by cell), a block half emptied.
    private static readonly Spot[] Spots =
    [
        new(Block.CellCount, 1, 0, InOrder: true),
        new(3000, 16, 0),
        new(Block.CellCount, 100_000, 0, InOrder: true),
        new(Many + 40, 100_000, 0),
        new(Many / 4, 3, 0.2),
        new(2000, 5, 0.6),
        new(Many, 2, 0.9),
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void RandomBatchesMatchTheModel(int seed)
    {
        var rng = new Random(seed);
        var project = new Project("batches");
        var volume = project.ActiveLayer.Volume;
        var model = new Dictionary<Int3, Rgba>();
        var built = new HashSet<BlockKind>();
        for (var round = 0; round < 6; round++)
        {
            var positions = new List<int>();
            var colors = new List<uint>();
            // Blocks at random places of a 4 x 4 x 4 block region around the origin, so later
            // rounds write over blocks of earlier ones (in every form) and blocks repeat in a batch.
            var spots = Enumerable.Range(0, 5).Select(_ => (Spot: Spots[rng.Next(Spots.Length)], Key: new Int3(rng.Next(-2, 2), rng.Next(-2, 2), rng.Next(-2, 2)))).ToList();
            foreach (var (spot, key) in spots)
            {
                var palette = Enumerable.Range(0, Math.Min(spot.Colors, 5000)).Select(_ => Opaque(rng)).ToArray();
                for (var w = 0; w < spot.Writes; w++)
                {
                    var cell = spot.InOrder ? w % Block.CellCount : rng.Next(Block.CellCount);
                    positions.AddRange([key.X * 16 + (cell & 15), key.Y * 16 + ((cell >> 4) & 15), key.Z * 16 + (cell >> 8)]);
                    // Empties carry colour channels: alpha 0 alone makes a cell empty.
                    colors.Add(rng.NextDouble() < spot.Empty ? (uint)rng.Next(1 << 24) : palette[rng.Next(palette.Length)]);
                }
            }
            // Interleave the blocks' writes as a client might send them; a cell written twice keeps the later colour.
            var order = Enumerable.Range(0, colors.Count).OrderBy(_ => rng.Next()).ToArray();
            var p = order.SelectMany(i => new[] { positions[i * 3], positions[i * 3 + 1], positions[i * 3 + 2] }).ToArray();
            var c = order.Select(i => colors[i]).ToArray();
            var before = new Dictionary<Int3, Rgba>(model);
            var snapshot = volume.Snapshot();
            project.History.Begin(project);
            volume.SetMany(p, c);
            var changed = project.History.Commit(project);
            for (var i = 0; i < c.Length; i++) VolumeAssert.Write(model, new Int3(p[i * 3], p[i * 3 + 1], p[i * 3 + 2]), Rgba.FromPacked(c[i]));
            var name = $"seed {seed} round {round}";
            VolumeAssert.Same(model, volume, name);
            VolumeAssert.Same(before, snapshot, name + " (snapshot)");
            Assert.Equal(VolumeAssert.Recount(volume), volume.MemoryBytes);
            foreach (var block in volume.Blocks.Values) built.Add(block.Kind);
            Assert.True(changed);
            project.History.Undo(project);
            VolumeAssert.Same(before, volume, name + " (undone)");
            project.History.Redo(project);
            VolumeAssert.Same(model, volume, name + " (redone)");
            Assert.Equal(VolumeAssert.Recount(volume), volume.MemoryBytes);
        }
        Assert.Equal(Enum.GetValues<BlockKind>().Length, built.Count);
    }

    [Theory]
    [InlineData(1, BlockKind.Uniform)]
    [InlineData(16, BlockKind.Palette)]
    [InlineData(5000, BlockKind.Dense)]
    public void ABatchFillingABlockChoosesItsFormOnce(int colorCount, BlockKind expected)
    {
        var rng = new Random(colorCount);
        var palette = Enumerable.Range(0, colorCount).Select(_ => Opaque(rng)).ToArray();
        var positions = new int[Block.CellCount * 3];
        var colors = new uint[Block.CellCount];
        for (var i = 0; i < Block.CellCount; i++)
        {
            (positions[i * 3], positions[i * 3 + 1], positions[i * 3 + 2]) = (32 + (i & 15), -16 + ((i >> 4) & 15), i >> 8);
            colors[i] = palette[i % colorCount];
        }
        var volume = new Volume();
        volume.SetMany(positions, colors);
        var block = Assert.Single(volume.Blocks.Values);
        Assert.Equal(expected, block.Kind);
        Assert.Equal(Block.CellCount, block.VoxelCount);
        // A 16-colour solid keeps 4 bits per cell, as when written cell by cell.
        if (expected == BlockKind.Palette) Assert.InRange(block.MemoryBytes, 1, 2400);
    }

    [Fact]
    public void ABatchOfManyColoursOverFewCellsKeepsAList()
    {
        var rng = new Random(5);
        var volume = new Volume();
        var cells = Enumerable.Range(0, Block.CellCount).OrderBy(_ => rng.Next()).Take(Many + 10).ToArray();
        volume.SetMany(cells.SelectMany(i => new[] { i & 15, (i >> 4) & 15, i >> 8 }).ToArray(), cells.Select(_ => Opaque(rng)).ToArray());
        Assert.Equal(BlockKind.Sparse, Assert.Single(volume.Blocks.Values).Kind);
    }

    [Fact]
    public void ABatchThatEmptiesABlockRemovesIt()
    {
        var project = new Project("empties");
        var volume = project.ActiveLayer.Volume;
        volume.FillBox(new VoxelBox(default, new Int3(15, 15, 15)), new Rgba(9, 9, 9, 255));
        var positions = Enumerable.Range(0, Block.CellCount).SelectMany(i => new[] { i & 15, (i >> 4) & 15, i >> 8 }).ToArray();
        project.History.Begin(project);
        volume.SetMany(positions, new uint[Block.CellCount]);
        Assert.True(project.History.Commit(project));
        Assert.Equal(0, volume.BlockCount);
        Assert.Equal(0, volume.VoxelCount);
        project.History.Undo(project);
        Assert.Equal(Block.CellCount, volume.VoxelCount);
        Assert.True(volume.Blocks[default].IsUniform);
    }

    private static uint Opaque(Random rng) => 0xFF000000u | (uint)rng.Next(1 << 24);
}
