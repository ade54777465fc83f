using System.Buffers.Binary;
using System.IO.Hashing;
using Goxel.Core;

namespace Goxel.Formats;

/// <summary>
/// Upstream Goxel's test checksum ("volume_crc32", in fact XXH32): each non-empty voxel's
/// position (3 little-endian int32) then its RGBA bytes are hashed, each hash seeded with the
/// previous result, starting from 0, in the volume's block order. Equal files give equal sums.
/// </summary>
public static class VolumeChecksum
{
    /// <summary>The checksum of <paramref name="volume"/>.</summary>
    public static uint Compute(Volume volume)
    {
        uint hash = 0;
        Span<byte> position = stackalloc byte[12];
        Span<byte> color = stackalloc byte[4];
        foreach (var voxel in volume)
        {
            BinaryPrimitives.WriteInt32LittleEndian(position, voxel.Position.X);
            BinaryPrimitives.WriteInt32LittleEndian(position[4..], voxel.Position.Y);
            BinaryPrimitives.WriteInt32LittleEndian(position[8..], voxel.Position.Z);
            hash = XxHash32.HashToUInt32(position, (int)hash);
            BinaryPrimitives.WriteUInt32LittleEndian(color, voxel.Color.Packed);
            hash = XxHash32.HashToUInt32(color, (int)hash);
        }
        return hash;
    }
}
