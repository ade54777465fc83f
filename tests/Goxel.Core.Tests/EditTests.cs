using Goxel.Core;

namespace Goxel.Core.Tests;

public sealed class EditTests
{
    private static readonly VoxelBox Everywhere = new(new Int3(-1000, -1000, -1000), new Int3(1000, 1000, 1000));

    private static WorkBudget Cells(long limit) => new(limit, "cells", long.MaxValue, "memory", CancellationToken.None);

    [Fact]
    public void FloodFillRecoloursTheConnectedSameColourRegionOnly()
    {
        var volume = new Volume();
        var red = new Rgba(255, 0, 0, 255);
        volume.FillBox(new VoxelBox(new Int3(0, 0, 0), new Int3(9, 9, 0)), red);
        volume.FillBox(new VoxelBox(new Int3(5, 0, 0), new Int3(5, 9, 0)), Rgba.White); // a wall
        volume.Set(20, 20, 20, red); // same colour, not connected
        var filled = FloodFill.Fill(volume, new Int3(0, 0, 0), new Rgba(0, 0, 255, 255), Everywhere, Cells(1_000_000));
        Assert.Equal(50, filled);
        Assert.Equal(new Rgba(0, 0, 255, 255), volume.Get(4, 9, 0));
        Assert.Equal(red, volume.Get(6, 0, 0));
        Assert.Equal(red, volume.Get(20, 20, 20));
    }

    [Fact]
    public void FloodFillStopsAtTheLimit()
    {
        var volume = new Volume();
        volume.FillBox(new VoxelBox(new Int3(0, 0, 0), new Int3(99, 99, 0)), Rgba.White);
        Assert.Throws<WorkLimitException>(() => FloodFill.Fill(volume, default, new Rgba(1, 2, 3, 255), Everywhere, Cells(500)));
    }

    [Fact]
    public void FloodFillOfEmptySpaceStaysInTheClip()
    {
        var volume = new Volume();
        var clip = new VoxelBox(new Int3(0, 0, 0), new Int3(3, 3, 3));
        Assert.Equal(64, FloodFill.Fill(volume, new Int3(1, 1, 1), Rgba.White, clip, Cells(1000)));
    }

    [Fact]
    public void OverBlendsByAlpha()
    {
        var dst = new Rgba(0, 0, 255, 255);
        Assert.Equal(new Rgba(255, 0, 0, 255), ColorBlend.Over(dst, new Rgba(255, 0, 0, 255)));
        Assert.Equal(dst, ColorBlend.Over(dst, Rgba.Empty));
        var half = ColorBlend.Over(dst, new Rgba(255, 0, 0, 128));
        Assert.Equal(255, half.A);
        Assert.InRange(half.R, 126, 130);
        Assert.InRange(half.B, 125, 129);
    }

    [Fact]
    public void RegionEnumerationSkipsCellsOutside()
    {
        var volume = new Volume();
        volume.FillBox(new VoxelBox(new Int3(-20, -20, -20), new Int3(20, 20, 20)), Rgba.White);
        var region = new VoxelBox(new Int3(-3, 0, 5), new Int3(4, 2, 5));
        var seen = 0;
        foreach (var voxel in volume.Within(region))
        {
            Assert.True(region.Contains(voxel.Position.X, voxel.Position.Y, voxel.Position.Z));
            seen++;
        }
        Assert.Equal(region.CellCount, seen);
    }

    [Fact]
    public void FillRowMatchesPerCellWrites()
    {
        var rng = new Random(3);
        var rows = new Volume();
        var cells = new Volume();
        for (var i = 0; i < 300; i++)
        {
            var x0 = rng.Next(-70, 70);
            var x1 = x0 + rng.Next(0, 60);
            var (y, z) = (rng.Next(-20, 20), rng.Next(-20, 20));
            var color = rng.Next(4) == 0 ? Rgba.Empty : new Rgba((byte)rng.Next(256), 0, 0, 255);
            rows.FillRow(x0, x1, y, z, color);
            for (var x = x0; x <= x1; x++) cells.Set(x, y, z, color);
        }
        Assert.Equal(cells.VoxelCount, rows.VoxelCount);
        foreach (var voxel in cells) Assert.Equal(voxel.Color, rows.Get(voxel.Position));
    }

    [Fact]
    public void BoxesAtTheEndsOfTheCoordinateRangeFillAndCount()
    {
        var volume = new Volume();
        var box = new VoxelBox(new Int3(int.MaxValue - 2, int.MinValue, 0), new Int3(int.MaxValue, int.MinValue + 1, 0));
        volume.FillBox(box, Rgba.White);
        Assert.Equal(6, volume.VoxelCount);
        Assert.Equal(6, box.CellCount);
        var huge = new VoxelBox(new Int3(int.MinValue, int.MinValue, int.MinValue), new Int3(int.MaxValue, int.MaxValue, int.MaxValue));
        Assert.Equal(long.MaxValue, huge.CellCount);
    }
}
