using Goxel.Core;

namespace Goxel.Core.Tests;

public sealed class ShapeTests
{
    private static bool Inside(ShapeKind kind, VoxelBox region, int x, int y, int z)
    {
        var s = region.Size;
        double D(int c, int min, int size) => (c + 0.5 - (min + size / 2.0)) / (size / 2.0);
        var (dx, dy, dz) = (D(x, region.Min.X, s.X), D(y, region.Min.Y, s.Y), D(z, region.Min.Z, s.Z));
        return kind switch
        {
            ShapeKind.Cube => true,
            ShapeKind.Sphere => dx * dx + dy * dy + dz * dz <= 1,
            _ => dx * dx + dy * dy <= 1,
        };
    }

    [Theory]
    [InlineData(ShapeKind.Cube, 3, 3, 3, 27)]
    [InlineData(ShapeKind.Sphere, 5, 5, 5, 81)]
    [InlineData(ShapeKind.Cylinder, 5, 5, 3, 63)]
    [InlineData(ShapeKind.Sphere, 1, 1, 1, 1)]
    [InlineData(ShapeKind.Cube, 10, 10, 10, 1000)]
    public void ExactCounts(ShapeKind kind, int sx, int sy, int sz, long expected)
    {
        var volume = new Volume();
        var region = Shape.Region(new Int3(3, -7, 2), new Int3(sx, sy, sz));
        Assert.Equal(expected, Shape.Fill(volume, kind, region, Rgba.White));
        Assert.Equal(expected, volume.VoxelCount);
        Assert.Equal(expected, Shape.Count(kind, region));
    }

    [Fact]
    public void RegionFollowsTheCentreConvention()
    {
        Assert.Equal(new VoxelBox(new Int3(-1, -1, -1), new Int3(1, 1, 1)), Shape.Region(default, new Int3(3, 3, 3)));
        Assert.Equal(new VoxelBox(new Int3(-2, -2, -2), new Int3(1, 1, 1)), Shape.Region(default, new Int3(4, 4, 4)));
    }

    [Theory]
    [InlineData(ShapeKind.Sphere, 7, 4, 9)]
    [InlineData(ShapeKind.Sphere, 20, 20, 20)]
    [InlineData(ShapeKind.Sphere, 33, 12, 6)]
    [InlineData(ShapeKind.Cylinder, 9, 14, 5)]
    [InlineData(ShapeKind.Cylinder, 40, 40, 2)]
    public void RowsMatchTheCellCentreRule(ShapeKind kind, int sx, int sy, int sz)
    {
        var volume = new Volume();
        var region = Shape.Region(new Int3(-5, 11, 0), new Int3(sx, sy, sz));
        Shape.Fill(volume, kind, region, Rgba.White);
        for (var z = region.Min.Z - 1; z <= region.Max.Z + 1; z++)
        for (var y = region.Min.Y - 1; y <= region.Max.Y + 1; y++)
        for (var x = region.Min.X - 1; x <= region.Max.X + 1; x++)
            Assert.Equal(region.Contains(x, y, z) && Inside(kind, region, x, y, z), !volume.Get(x, y, z).IsEmpty);
    }
}
