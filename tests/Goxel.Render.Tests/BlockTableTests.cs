using Goxel.Core;

namespace Goxel.Render.Tests;

/// <summary>The three block-table layouts find the same blocks.</summary>
public sealed class BlockTableTests
{
    [Theory]
    [InlineData(10)]        // dense
    [InlineData(200)]       // bricks: 400^3 blocks is past the dense cap, 100^3 bricks are not
    [InlineData(100_000)]   // hash map: even the brick index would be too large
    public void FindsEveryBlockAndNothingElse(int spread)
    {
        var random = new Random(spread);
        var index = new Dictionary<Int3, int>();
        for (var i = 0; i < 500; i++)
        {
            var key = new Int3(random.Next(-spread, spread), random.Next(-spread, spread), random.Next(-spread, spread));
            index.TryAdd(key, index.Count);
        }
        var min = index.Keys.Aggregate(Int3.Min);
        var max = index.Keys.Aggregate(Int3.Max);
        var table = new BlockTable(index, min, max);
        Assert.Equal(spread >= 100_000, table.IsSparse);
        foreach (var (key, i) in index) Assert.Equal(i, table.Find(key.X, key.Y, key.Z));
        for (var i = 0; i < 2000; i++)
        {
            var probe = new Int3(random.Next(-spread - 5, spread + 5), random.Next(-spread - 5, spread + 5), random.Next(-spread - 5, spread + 5));
            Assert.Equal(index.GetValueOrDefault(probe, -1), table.Find(probe.X, probe.Y, probe.Z));
        }
    }
}
