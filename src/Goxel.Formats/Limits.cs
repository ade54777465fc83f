namespace Goxel.Formats;

/// <summary>
/// Caps checked before allocating, so a file that declares absurd sizes is refused quickly
/// instead of exhausting memory.
/// </summary>
internal static class Limits
{
    /// <summary>Largest file any reader accepts (and the largest array .NET allows anyway).</summary>
    public const long MaxFileBytes = 1L << 30;

    /// <summary>Largest dense grid (cells) a reader allocates for one model or matrix.</summary>
    public const long MaxDenseCells = 1L << 27;

    /// <summary>
    /// Most 16^3 blocks one file may fill (1 GiB of cells). Formats amplify: a .gox block
    /// reference is 20 bytes for 16 KiB of cells, a .qb run 12 bytes for a whole matrix, so the
    /// cap is on what a file builds, not on its size.
    /// </summary>
    public const int MaxBlocks = 1 << 16;

    /// <summary>Most layers one file may create (empty layers cost memory too).</summary>
    public const int MaxLayers = 1 << 14;

    /// <summary>Fails when a file creates more than <see cref="MaxLayers"/> layers.</summary>
    public static void CheckLayers(string file, int layers)
    {
        if (layers > MaxLayers) throw VoxelFileException.Corrupt(file, $"the file creates more than {MaxLayers} layers");
    }

    /// <summary>Fails when the layers built so far hold more than <see cref="MaxBlocks"/> blocks.</summary>
    public static void CheckBlocks(string file, long blocks)
    {
        if (blocks > MaxBlocks)
            throw VoxelFileException.Corrupt(file, $"the file builds more than {MaxBlocks} blocks of 16^3 voxels (1 GiB), the most a load may use");
    }

    /// <summary>Largest edge of one model or matrix.</summary>
    public const int MaxEdge = 1 << 14;

    /// <summary>Checks the dimensions of a dense grid declared by a file.</summary>
    public static void CheckGrid(ByteReader reader, string what, long x, long y, long z)
    {
        if (x < 0 || y < 0 || z < 0 || x > MaxEdge || y > MaxEdge || z > MaxEdge || x * y * z > MaxDenseCells)
            throw reader.Fail($"{what} size {x}x{y}x{z} is out of range");
    }
}
