using Goxel.Core;

namespace Goxel.Core.Tests;

/// <summary>
/// Random edits in phases that drive two blocks through every form (uniform, list, palette,
/// dense) and every move between neighbouring forms in both directions, checked against a
/// dictionary model after each phase, with a snapshot taken before the phase and the phase's
/// undo step reverted and re-applied.
/// </summary>
public sealed class BlockFormTests
{
    // Two blocks stacked in z, at negative coordinates so floor division is exercised too.
    private static readonly Int3 Origin = new(-16, 0, -32);

    /// <summary>
    /// One phase: colours drawn from a pool, a share of empty writes, a share of row fills;
    /// random cells, or with <c>Sweep</c> every cell once in order.
    /// </summary>
    private sealed record Phase(string Name, int Colors, double Empty, double Rows, int Writes, bool Sweep = false);

    private static readonly Phase[] Phases =
    [
        new("a few voxels", 3, 0, 0, 40),
        new("filling with 3 colours", 3, 0.1, 0.2, 6000),
        new("many colours", 100_000, 0.05, 0, 9000),
        new("repainting with 5 colours", 5, 0, 0, 80_000),
        new("many colours again", 100_000, 0, 0.1, 9000),
        new("emptying", 100_000, 0.97, 0, 14_000),
        new("a list of many colours growing", 100_000, 0, 0, 6000),
        new("sweeping empty", 1, 1, 0, 0, Sweep: true),
        new("sweeping one colour", 1, 0, 0, 0, Sweep: true),
        new("carving", 7, 0.3, 0, 20),
        new("sweeping mostly empty", 7, 0.97, 0, 0, Sweep: true),
        new("rows", 3, 0.5, 1, 400),
        new("sweeping empty again", 1, 1, 0, 0, Sweep: true),
    ];

    private static readonly (BlockKind From, BlockKind To)[] Required =
    [
        (BlockKind.Uniform, BlockKind.Sparse), (BlockKind.Sparse, BlockKind.Uniform),
        (BlockKind.Uniform, BlockKind.Palette), (BlockKind.Palette, BlockKind.Uniform),
        (BlockKind.Sparse, BlockKind.Palette), (BlockKind.Palette, BlockKind.Sparse),
        (BlockKind.Palette, BlockKind.Dense), (BlockKind.Dense, BlockKind.Palette),
        (BlockKind.Sparse, BlockKind.Dense), (BlockKind.Dense, BlockKind.Sparse),
    ];

    private static Rgba Color(Random rng, Phase phase) =>
        rng.NextDouble() < phase.Empty ? Rgba.Empty : Pooled(rng.Next(1, phase.Colors + 1));

    private static Rgba Pooled(int i) => new((byte)i, (byte)(i >> 8), (byte)(i >> 16), 255);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void EveryFormAndMoveMatchesTheModel(int seed)
    {
        var rng = new Random(seed);
        var project = new Project("forms");
        var volume = project.ActiveLayer.Volume;
        var model = new Dictionary<Int3, Rgba>();
        var kinds = new Dictionary<Int3, BlockKind>();
        var moves = new HashSet<(BlockKind, BlockKind)>();
        var trace = "";
        foreach (var phase in Phases)
        {
            var before = new Dictionary<Int3, Rgba>(model);
            var snapshot = volume.Snapshot();
            project.History.Begin(project);
            if (phase.Sweep)
            {
                for (var z = 0; z < 32; z++)
                for (var y = 0; y < 16; y++)
                for (var x = 0; x < 16; x++)
                {
                    var p = new Int3(Origin.X + x, Origin.Y + y, Origin.Z + z);
                    var color = Color(rng, phase);
                    volume.Set(p, color);
                    VolumeAssert.Write(model, p, color);
                    Observe(volume, Volume.BlockOf(p.X, p.Y, p.Z), kinds, moves);
                }
            }
            for (var i = 0; i < phase.Writes; i++)
            {
                var p = new Int3(Origin.X + rng.Next(16), Origin.Y + rng.Next(16), Origin.Z + rng.Next(32));
                var color = Color(rng, phase);
                if (rng.NextDouble() < phase.Rows)
                {
                    var x1 = p.X + rng.Next(16 - (p.X - Origin.X));
                    volume.FillRow(p.X, x1, p.Y, p.Z, color);
                    for (var x = p.X; x <= x1; x++) VolumeAssert.Write(model, p with { X = x }, color);
                }
                else
                {
                    volume.Set(p, color);
                    VolumeAssert.Write(model, p, color);
                }
                Observe(volume, Volume.BlockOf(p.X, p.Y, p.Z), kinds, moves);
            }
            var changed = project.History.Commit(project);
            VolumeAssert.Same(model, volume, phase.Name);
            VolumeAssert.Same(before, snapshot, phase.Name + " (snapshot)");
            if (!changed) continue;
            project.History.Undo(project);
            VolumeAssert.Same(before, volume, phase.Name + " (undone)");
            project.History.Redo(project);
            VolumeAssert.Same(model, volume, phase.Name + " (redone)");
            trace += $"{phase.Name}: {string.Join(",", volume.Blocks.Values.Select(b => b.Kind + "/" + b.VoxelCount))} moves {string.Join(" ", moves)}\n";
        }
        Assert.True(Required.All(moves.Contains), trace);
    }

    [Fact]
    public void FilledSolidOfSixteenColoursKeepsFourBitsPerCell()
    {
        var rng = new Random(7);
        var volume = new Volume();
        for (var z = 0; z < 16; z++)
        for (var y = 0; y < 16; y++)
        for (var x = 0; x < 16; x++)
            volume.Set(x, y, z, Pooled(rng.Next(1, 17)));
        var block = volume.Blocks[new Int3(0, 0, 0)];
        Assert.Equal(BlockKind.Palette, block.Kind);
        Assert.InRange(block.MemoryBytes, 1, 2400);
        Assert.Equal(VolumeAssert.Recount(volume), volume.MemoryBytes);
    }

    [Fact]
    public void MemoryBytesFollowsEveryWriteAndUndo()
    {
        var rng = new Random(9);
        var project = new Project("bytes");
        var volume = project.ActiveLayer.Volume;
        project.History.Begin(project);
        for (var i = 0; i < 20_000; i++)
            volume.Set(rng.Next(40), rng.Next(40), rng.Next(8), rng.Next(4) == 0 ? Rgba.Empty : Pooled(rng.Next(1, rng.Next(2) == 0 ? 4 : 1000)));
        Assert.True(project.History.Commit(project));
        AssertBytes(volume, "after the edits");
        project.History.Undo(project);
        AssertBytes(volume, "undone");
        project.History.Redo(project);
        AssertBytes(volume, "redone");
        AssertBytes(volume.Snapshot(), "snapshot");
    }

    private static void AssertBytes(Volume volume, string when) =>
        Assert.True(VolumeAssert.Recount(volume) == volume.MemoryBytes, $"{when}: {volume.MemoryBytes} bytes, recounted {VolumeAssert.Recount(volume)}");

    private static void Observe(Volume volume, Int3 key, Dictionary<Int3, BlockKind> kinds, HashSet<(BlockKind, BlockKind)> moves)
    {
        // An absent block is the uniform empty block.
        var now = volume.Blocks.TryGetValue(key, out var block) ? block.Kind : BlockKind.Uniform;
        var was = kinds.GetValueOrDefault(key, BlockKind.Uniform);
        if (now != was) moves.Add((was, now));
        kinds[key] = now;
    }
}
