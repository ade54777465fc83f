using System.Buffers.Binary;
using Goxel.Core;

namespace Goxel.Formats.Kvx;

/// <summary>
/// Writes one mip level of KVX from the flattened visible layers: only voxels with a visible
/// face are stored, in slabs of contiguous cells per column; flags 0x10 (top face shows) and
/// 0x20 (bottom face shows) let readers fill the solid inside again. Colours go through a
/// 255-entry palette stored as 6-bit RGB. The pivot is the model centre.
/// </summary>
internal static class KvxWriter
{
    private const byte SolidAlpha = 127;

    public static void Write(Project project, Stream output, string path)
    {
        var volume = Flattening.VisibleLayers(project);
        var bounds = volume.Bounds();
        if (bounds is not { } box) box = new VoxelBox(default, default);
        var size = box.Size;
        if (size.Z > 255 || size.X > Limits.MaxEdge || size.Y > Limits.MaxEdge || box.CellCount > Limits.MaxDenseCells)
            throw new VoxelFileException(VoxelFileError.Unsupported, path, $"the model is {size.X}x{size.Y}x{size.Z} cells; KVX allows at most 255 in height");

        var reader = volume.CreateReader();
        bool Solid(int x, int y, int z) => reader.GetPacked(x, y, z) >> 24 >= SolidAlpha;

        var builder = new PaletteBuilder();
        foreach (var v in volume) if (v.Color.A >= SolidAlpha) builder.Add(v.Color);
        var palette = builder.Build(255);
        var indexOf = new Dictionary<uint, byte>();

        // Column data per KVX x, columns in KVX y order; KVX y and z run opposite to Goxel's.
        var columns = new List<byte>[size.X];
        var columnEnds = new ushort[size.X * (size.Y + 1)];
        for (var kx = 0; kx < size.X; kx++)
        {
            var data = columns[kx] = [];
            for (var ky = 0; ky < size.Y; ky++)
            {
                columnEnds[kx * (size.Y + 1) + ky] = checked((ushort)data.Count);
                var gx = box.Min.X + kx;
                var gy = box.Max.Y - ky;
                var kz = 0;
                while (kz < size.Z)
                {
                    // Find the next run of stored (visible) cells from the top down.
                    var gz = box.Max.Z - kz;
                    var faces = Faces(Solid, gx, gy, gz);
                    if (faces == 0) { kz++; continue; }
                    var top = kz;
                    var flags = faces;
                    var colors = new List<byte>();
                    while (kz < size.Z && colors.Count < 255)
                    {
                        gz = box.Max.Z - kz;
                        var f = Faces(Solid, gx, gy, gz);
                        if (f == 0) break;
                        flags |= f & 0x0F;
                        flags = (flags & ~0x20) | (f & 0x20); // the bottom flag belongs to the last cell
                        colors.Add(Index(reader.Get(gx, gy, gz)));
                        kz++;
                    }
                    if ((faces & 0x10) == 0) flags &= ~0x10; // the top flag belongs to the first cell
                    data.Add((byte)top);
                    data.Add((byte)colors.Count);
                    data.Add((byte)flags);
                    data.AddRange(colors);
                }
                if (data.Count > ushort.MaxValue)
                    throw new VoxelFileException(VoxelFileError.Unsupported, path, $"column x = {kx} holds more than 65,535 bytes of slabs, beyond KVX's offsets");
            }
            columnEnds[kx * (size.Y + 1) + size.Y] = (ushort)data.Count;
        }

        byte Index(Rgba c)
        {
            var key = c.Packed | 0xFF000000u;
            if (!indexOf.TryGetValue(key, out var i)) indexOf[key] = i = (byte)PaletteBuilder.Nearest(palette, c);
            return i;
        }

        var tables = (size.X + 1) * 4 + size.X * (size.Y + 1) * 2;
        long slabBytes = columns.Sum(c => (long)c.Count);
        var numBytes = checked((int)(24 + tables + slabBytes));
        var header = new byte[4 + 24];
        BinaryPrimitives.WriteInt32LittleEndian(header, numBytes);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), size.X);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), size.Y);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), size.Z);
        // Pivot in 1/256 voxel: the centre (upstream forgets the scale and writes size / 2).
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16), size.X * 128);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(20), size.Y * 128);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(24), size.Z * 128);
        output.Write(header);

        var offsets = new byte[tables];
        long offset = tables;
        for (var kx = 0; kx <= size.X; kx++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(offsets.AsSpan(4 * kx), checked((uint)offset));
            if (kx < size.X) offset += columns[kx].Count;
        }
        for (var i = 0; i < columnEnds.Length; i++)
            BinaryPrimitives.WriteUInt16LittleEndian(offsets.AsSpan((size.X + 1) * 4 + 2 * i), columnEnds[i]);
        output.Write(offsets);
        foreach (var column in columns) output.Write(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(column));

        var rgb = new byte[768];
        for (var i = 0; i < palette.Length; i++)
        {
            rgb[3 * i] = (byte)(palette[i].R >> 2);
            rgb[3 * i + 1] = (byte)(palette[i].G >> 2);
            rgb[3 * i + 2] = (byte)(palette[i].B >> 2);
        }
        output.Write(rgb);
    }

    // Visible faces of a solid Goxel cell in KVX terms: 1 -x, 2 +x, 4 -y (Goxel +y), 8 +y
    // (Goxel -y), 0x10 top (Goxel +z), 0x20 bottom (Goxel -z). 0 for empty or hidden cells.
    private static int Faces(Func<int, int, int, bool> solid, int x, int y, int z)
    {
        if (!solid(x, y, z)) return 0;
        var f = 0;
        if (!solid(x - 1, y, z)) f |= 1;
        if (!solid(x + 1, y, z)) f |= 2;
        if (!solid(x, y + 1, z)) f |= 4;
        if (!solid(x, y - 1, z)) f |= 8;
        if (!solid(x, y, z + 1)) f |= 0x10;
        if (!solid(x, y, z - 1)) f |= 0x20;
        return f;
    }
}
