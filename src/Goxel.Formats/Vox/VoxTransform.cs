namespace Goxel.Formats.Vox;

/// <summary>
/// A scene-graph transform of MagicaVoxel: a signed permutation matrix (the "_r" byte) and an
/// integer translation ("_t").
/// </summary>
internal readonly record struct VoxTransform(int[] R, int Tx, int Ty, int Tz)
{
    public static VoxTransform Identity { get; } = new([1, 0, 0, 0, 1, 0, 0, 0, 1], 0, 0, 0);

    /// <summary>
    /// Decodes the rotation byte: bits 0-1 and 2-3 give the column of the non-zero entry of rows
    /// 0 and 1 (row 2 takes the remaining one), bits 4-6 the signs of rows 0-2. Null when invalid.
    /// </summary>
    public static int[]? DecodeRotation(int bits)
    {
        int c0 = bits & 3, c1 = (bits >> 2) & 3;
        if (c0 > 2 || c1 > 2 || c0 == c1) return null;
        var c2 = 3 - c0 - c1;
        var r = new int[9];
        r[c0] = (bits & 0x10) != 0 ? -1 : 1;
        r[3 + c1] = (bits & 0x20) != 0 ? -1 : 1;
        r[6 + c2] = (bits & 0x40) != 0 ? -1 : 1;
        return r;
    }

    /// <summary>This transform applied after <paramref name="child"/> (parent * child).</summary>
    public VoxTransform Then(VoxTransform child)
    {
        var r = new int[9];
        for (var i = 0; i < 3; i++)
        for (var j = 0; j < 3; j++)
            r[3 * i + j] = R[3 * i] * child.R[j] + R[3 * i + 1] * child.R[3 + j] + R[3 * i + 2] * child.R[6 + j];
        var (x, y, z) = Rotate(child.Tx, child.Ty, child.Tz);
        return new VoxTransform(r, x + Tx, y + Ty, z + Tz);
    }

    public (int X, int Y, int Z) Rotate(int x, int y, int z) =>
        (R[0] * x + R[1] * y + R[2] * z, R[3] * x + R[4] * y + R[5] * z, R[6] * x + R[7] * y + R[8] * z);

    /// <summary>
    /// The world cell of model voxel (x, y, z) in a model of size (w, h, d): the voxel centre,
    /// relative to the model centre, rotated, floored, then translated. Without rotation this is
    /// v - floor(size / 2) + t, which is where Goxel and MagicaVoxel put it.
    /// </summary>
    public (int X, int Y, int Z) Place(int x, int y, int z, int w, int h, int d)
    {
        // Doubled coordinates keep the half-voxel centres integral.
        var (cx, cy, cz) = Rotate(2 * x + 1 - w, 2 * y + 1 - h, 2 * z + 1 - d);
        return (FloorHalf(cx) + Tx, FloorHalf(cy) + Ty, FloorHalf(cz) + Tz);
    }

    private static int FloorHalf(int v) => v >> 1; // arithmetic shift floors negatives too
}
