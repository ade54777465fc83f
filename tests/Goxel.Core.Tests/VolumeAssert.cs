using Goxel.Core;

namespace Goxel.Core.Tests;

/// <summary>A dictionary model of cells and the checks that a volume holds exactly it.</summary>
internal static class VolumeAssert
{
    public static void Write(Dictionary<Int3, Rgba> model, Int3 p, Rgba color)
    {
        if (color.IsEmpty) model.Remove(p);
        else model[p] = color;
    }

    public static void Same(Dictionary<Int3, Rgba> model, Volume volume, string phase)
    {
        Assert.True(model.Count == volume.VoxelCount, $"{phase}: {volume.VoxelCount} voxels, model {model.Count}");
        var seen = 0;
        foreach (var voxel in volume)
        {
            Assert.True(model.TryGetValue(voxel.Position, out var expected) && expected == voxel.Color, $"{phase}: {voxel.Position}");
            seen++;
        }
        Assert.Equal(model.Count, seen);
        var reader = volume.CreateReader();
        Span<uint> cells = stackalloc uint[Block.CellCount];
        foreach (var (key, block) in volume.Blocks)
        {
            Assert.True(block.VoxelCount > 0, $"{phase}: empty block kept at {key}");
            block.CopyTo(cells);
            for (var i = 0; i < Block.CellCount; i++)
            {
                var p = new Int3(key.X * 16 + (i & 15), key.Y * 16 + ((i >> 4) & 15), key.Z * 16 + (i >> 8));
                var expected = model.GetValueOrDefault(p).Packed;
                Assert.True(expected == cells[i], $"{phase}: CopyTo at {p}");
                Assert.True(expected == block.PackedAt(i), $"{phase}: PackedAt at {p}");
                Assert.True(expected == reader.GetPacked(p.X, p.Y, p.Z), $"{phase}: reader at {p}");
            }
        }
    }

    // What MemoryBytes should be, from scratch: the map's entries and every block.
    public static long Recount(Volume volume) =>
        64 + ((Dictionary<Int3, Block>)volume.Blocks).EnsureCapacity(0) * 36L + volume.Blocks.Values.Sum(b => b.MemoryBytes);
}
