using System.Buffers.Binary;
using System.Numerics;

namespace Goxel.Daemon.Storage;

/// <summary>
/// CRC-32C (Castagnoli), the checksum of every journal record: the runtime computes it with the
/// CPU's crc32 instruction where there is one (System.IO.Hashing 10 has no Crc32C).
/// </summary>
internal static class Crc32C
{
    /// <summary>The CRC-32C of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = uint.MaxValue;
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }
        // The rest (a one-voxel record's payload is 14 bytes) in at most three steps, not byte by byte.
        if (data.Length >= 4)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt32LittleEndian(data));
            data = data[4..];
        }
        if (data.Length >= 2)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt16LittleEndian(data));
            data = data[2..];
        }
        if (data.Length == 1) crc = BitOperations.Crc32C(crc, data[0]);
        return ~crc;
    }
}
