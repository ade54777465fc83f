using Goxel.Core;

namespace Goxel.Formats.Kvx;

/// <summary>
/// Build engine KVX. Columns of slabs hold only the surface voxels; the solid inside
/// between a top-visible and a bottom-visible slab is filled, as upstream does. KVX's y and z
/// point the other way, so both are flipped; the pivot lands on the origin.
/// </summary>
public sealed class KvxFormat : VoxelFormat
{
    /// <inheritdoc/>
    public override string Name => "kvx";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Extensions => [".kvx"];

    /// <inheritdoc/>
    public override string Description => "Build engine voxel sprite (visible layers flattened, 255 colours)";

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanWrite => true;

    /// <inheritdoc/>
    public override void Write(Project project, Stream output, ExportContext context) => KvxWriter.Write(project, output, context.Path);

    /// <inheritdoc/>
    public override Project Read(byte[] data, string file)
    {
        var reader = new ByteReader(data, file);
        if (data.Length < 28 + 4 + 768) throw VoxelFileException.Corrupt(file, $"too short for a KVX file ({data.Length} bytes)");
        var numBytes = reader.ReadUInt32();
        if (numBytes > data.Length - 4 - 768) throw reader.Fail($"the first mip level claims {numBytes} bytes, more than the file holds besides its palette");
        long w = reader.ReadUInt32(), h = reader.ReadUInt32(), d = reader.ReadUInt32();
        Limits.CheckGrid(reader, "model", w, h, d);
        if (d > 255 + 1) throw reader.Fail($"height {d} exceeds KVX's 8-bit z");
        double px = reader.ReadInt32() / 256.0, py = reader.ReadInt32() / 256.0, pz = reader.ReadInt32() / 256.0;
        var tablesStart = reader.Position;
        if ((w + 1) * 4 + w * (h + 1) * 2 > reader.Remaining) throw reader.Fail($"offset tables for {w}x{h} columns do not fit in the file");
        var xOffsets = new uint[w + 1];
        for (var i = 0; i <= w; i++) xOffsets[i] = reader.ReadUInt32();
        var xyOffsets = new ushort[w * (h + 1)];
        for (var i = 0; i < xyOffsets.Length; i++) xyOffsets[i] = reader.ReadUInt16();

        var palette = BuildEngineSpace.SixBitPalette(reader.At(data.Length - 768, 768).Take(768));

        var layer = new Layer(1, "Layer 1");
        var volume = layer.Volume;
        var dataEnd = 4L + numBytes;
        for (var x = 0; x < w; x++)
        for (var y = 0; y < h; y++)
        {
            int start = xyOffsets[x * (h + 1) + y], end = xyOffsets[x * (h + 1) + y + 1];
            if (end < start) throw reader.Fail($"column ({x}, {y}) has a negative length");
            var column = reader.At(tablesStart + xOffsets[x] + start, end - start);
            if (tablesStart + xOffsets[x] + end > dataEnd) throw reader.Fail($"column ({x}, {y}) runs past the first mip level");
            var solidFrom = -1;
            while (!column.AtEnd)
            {
                int top = column.ReadByte(), length = column.ReadByte(), faces = column.ReadByte();
                if (top + length > d) throw column.Fail($"slab at z {top}+{length} exceeds the height {d}");
                byte color = 0;
                for (var i = 0; i < length; i++)
                {
                    color = column.ReadByte();
                    Put(x, y, top + i, palette[color]);
                }
                // KVX keeps only surface voxels: fill the hidden inside between a slab whose
                // top face shows and the next slab whose bottom face shows.
                if ((faces & 0x10) != 0) solidFrom = top + length;
                if ((faces & 0x20) != 0 && solidFrom >= 0)
                {
                    for (var z = solidFrom; z < top; z++)
                        if (Get(x, y, z).IsEmpty) Put(x, y, z, palette[color]);
                    solidFrom = -1;
                }
            }
        }

        void Put(int x, int y, int z, Rgba c) => volume.Set(BuildEngineSpace.ToGoxel(x, y, z, h, d, px, py, pz), c);
        Rgba Get(int x, int y, int z) => volume.Get(BuildEngineSpace.ToGoxel(x, y, z, h, d, px, py, pz));

        return Project.FromLayers(Path.GetFileNameWithoutExtension(file), [layer], layer, Project.Bounds([layer]) ?? Project.DefaultImageBox);
    }
}
