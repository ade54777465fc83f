namespace Goxel.Render;

/// <summary>
/// The original daemon's file checksum (render_manager.c calculate_simple_checksum): a 32-bit
/// word rotated left by one bit before each byte is XORed in, starting from 0, printed as 8
/// lower-case hex digits. Not cryptographic; clients compare it to detect a changed file.
/// </summary>
public static class RenderChecksum
{
    /// <summary>The checksum of <paramref name="bytes"/>.</summary>
    public static string Compute(ReadOnlySpan<byte> bytes)
    {
        uint sum = 0;
        foreach (var b in bytes) sum = ((sum << 1) | (sum >> 31)) ^ b;
        return sum.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The checksum of a file's contents.</summary>
    public static string ComputeFile(string path) => Compute(File.ReadAllBytes(path));
}
