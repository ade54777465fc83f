namespace Goxel.Core;

/// <summary>The solids procedural_shape rasterises.</summary>
public enum ShapeKind
{
    /// <summary>Every cell of the region.</summary>
    Cube,

    /// <summary>The ellipsoid inscribed in the region.</summary>
    Sphere,

    /// <summary>The elliptic cylinder along Z inscribed in the region.</summary>
    Cylinder,
}

/// <summary>
/// Rasterises shapes by the project's convention: on each axis a shape of size s centred at c
/// covers the cells c - floor(s/2) ... c - floor(s/2) + s - 1, and a cell is inside when its
/// centre lies in the box, the inscribed ellipsoid or the inscribed Z cylinder of that region
/// (boundary included). So a size-3 cube has 27 cells, a size-5 sphere 81, a 5x5x3 cylinder 63.
/// Rows are filled as runs, so whole blocks are written without per-cell lookups.
/// </summary>
public static class Shape
{
    /// <summary>The cells a shape of <paramref name="size"/> centred at <paramref name="center"/> may cover.</summary>
    public static VoxelBox Region(Int3 center, Int3 size)
    {
        var min = new Int3(center.X - size.X / 2, center.Y - size.Y / 2, center.Z - size.Z / 2);
        return new VoxelBox(min, new Int3(min.X + size.X - 1, min.Y + size.Y - 1, min.Z + size.Z - 1));
    }

    /// <summary>Writes the shape into <paramref name="volume"/>; returns how many cells it covers.</summary>
    public static long Fill(Volume volume, ShapeKind kind, VoxelBox region, Rgba color)
    {
        if (!region.IsValid) return 0;
        if (kind == ShapeKind.Cube)
        {
            volume.FillBox(region, color);
            return region.CellCount;
        }
        long cells = 0;
        for (var z = region.Min.Z; z <= region.Max.Z; z++)
        for (var y = region.Min.Y; y <= region.Max.Y; y++)
        {
            if (Row(kind, region, y, z) is not var (x0, x1)) continue;
            volume.FillRow(x0, x1, y, z, color);
            cells += x1 - x0 + 1;
        }
        return cells;
    }

    /// <summary>The run of cells of row (y, z) inside the shape, or null.</summary>
    public static (int X0, int X1)? Row(ShapeKind kind, VoxelBox region, int y, int z)
    {
        var size = region.Size;
        // Squared offsets of the cell centre from the region centre, in half-extents.
        var v = Offset(y, region.Min.Y, size.Y);
        var w = kind == ShapeKind.Sphere ? Offset(z, region.Min.Z, size.Z) : 0;
        var rest = 1 - v - w;
        if (rest < 0) return null;
        if (kind == ShapeKind.Cube) return (region.Min.X, region.Max.X);
        var half = size.X / 2.0;
        var centre = region.Min.X + half;
        var reach = half * Math.Sqrt(rest);
        var x0 = (int)Math.Ceiling(centre - reach - 0.5);
        var x1 = (int)Math.Floor(centre + reach - 0.5);
        // Square roots can land a hair off an exact boundary: settle the ends exactly.
        while (x0 <= x1 && !Inside(x0, region.Min.X, size.X, rest)) x0++;
        while (x1 >= x0 && !Inside(x1, region.Min.X, size.X, rest)) x1--;
        while (x0 - 1 >= region.Min.X && Inside(x0 - 1, region.Min.X, size.X, rest)) x0--;
        while (x1 + 1 <= region.Max.X && Inside(x1 + 1, region.Min.X, size.X, rest)) x1++;
        return x0 <= x1 ? (x0, x1) : null;
    }

    /// <summary>Cells a shape covers, without writing it.</summary>
    public static long Count(ShapeKind kind, VoxelBox region)
    {
        if (kind == ShapeKind.Cube) return region.CellCount;
        long cells = 0;
        for (var z = region.Min.Z; z <= region.Max.Z; z++)
        for (var y = region.Min.Y; y <= region.Max.Y; y++)
            if (Row(kind, region, y, z) is var (x0, x1)) cells += x1 - x0 + 1;
        return cells;
    }

    private static double Offset(int cell, int min, int size)
    {
        var d = (cell + 0.5 - min - size / 2.0) / (size / 2.0);
        return d * d;
    }

    private static bool Inside(int x, int min, int size, double rest) => Offset(x, min, size) <= rest + 1e-12;
}
