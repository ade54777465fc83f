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
    public const long MaxDenseCells = 1L << 28;

    /// <summary>Largest edge of one model or matrix.</summary>
    public const int MaxEdge = 1 << 14;

    /// <summary>Checks the dimensions of a dense grid declared by a file.</summary>
    public static void CheckGrid(ByteReader reader, string what, long x, long y, long z)
    {
        if (x < 0 || y < 0 || z < 0 || x > MaxEdge || y > MaxEdge || z > MaxEdge || x * y * z > MaxDenseCells)
            throw reader.Fail($"{what} size {x}x{y}x{z} is out of range");
    }
}
