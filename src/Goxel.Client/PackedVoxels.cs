using System.Buffers.Binary;
using System.IO.Compression;

namespace Goxel.Client;

/// <summary>
/// Decodes the daemon's packed binary results: base64, Brotli-compressed first when the result
/// says "compression": "br"; voxel lists as little-endian int32 x,y,z triples and RGBA bytes.
/// </summary>
internal static class PackedVoxels
{
    /// <summary>A voxel page as objects, whichever encoding it came in.</summary>
    public static VoxelsRegion Decode(VoxelPage page)
    {
        if (page.Encoding != "packed") return new VoxelsRegion { Voxels = page.Voxels, Count = page.Count, Truncated = page.Truncated };
        var positions = Bytes(page.Positions, page.Compression);
        var colors = Bytes(page.Colors, page.Compression);
        var layers = page.LayerIds is null ? null : Bytes(page.LayerIds, page.Compression);
        if (positions.Length != page.Count * 12 || colors.Length != page.Count * 4 || (layers is not null && layers.Length != page.Count * 4))
            throw new GoxelException($"packed voxel result holds {positions.Length} position and {colors.Length} colour bytes for {page.Count} voxels");
        var voxels = new RegionVoxel[page.Count];
        for (var i = 0; i < voxels.Length; i++)
        {
            voxels[i] = new RegionVoxel
            {
                X = BinaryPrimitives.ReadInt32LittleEndian(positions.AsSpan(i * 12)),
                Y = BinaryPrimitives.ReadInt32LittleEndian(positions.AsSpan(i * 12 + 4)),
                Z = BinaryPrimitives.ReadInt32LittleEndian(positions.AsSpan(i * 12 + 8)),
                Color = new Rgba(colors[i * 4], colors[i * 4 + 1], colors[i * 4 + 2], colors[i * 4 + 3]),
                LayerId = layers is null ? null : BinaryPrimitives.ReadInt32LittleEndian(layers.AsSpan(i * 4)),
            };
        }
        return new VoxelsRegion { Voxels = voxels, Count = page.Count, Truncated = page.Truncated };
    }

    /// <summary>The bytes of one packed field.</summary>
    public static byte[] Bytes(string? base64, string? compression)
    {
        var bytes = Convert.FromBase64String(base64 ?? "");
        switch (compression)
        {
            case null or "none":
                return bytes;
            case "br":
                using (var input = new BrotliStream(new MemoryStream(bytes), CompressionMode.Decompress))
                using (var output = new MemoryStream())
                {
                    input.CopyTo(output);
                    return output.ToArray();
                }
            default:
                throw new GoxelException($"unknown compression \"{compression}\" (expected \"br\" or \"none\")");
        }
    }
}
