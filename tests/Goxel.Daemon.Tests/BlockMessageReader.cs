using System.Buffers.Binary;

namespace Goxel.Daemon.Tests;

/// <summary>
/// The page's side of the viewer's binary block message ("GXB1", docs/viewer.md), written from the
/// contract alone: it decodes what the daemon sends so the tests check cells, not bytes.
/// </summary>
public sealed class BlockMessageReader
{
    /// <summary>One decoded block: its layer, origin, wire kind and 4096 RGBA cells (null when removed).</summary>
    public sealed record Record(int Layer, int X, int Y, int Z, byte Kind, uint[]? Cells);

    public required bool Full { get; init; }

    public required ulong Version { get; init; }

    public required IReadOnlyList<Record> Records { get; init; }

    public static BlockMessageReader Decode(ReadOnlySpan<byte> data)
    {
        Assert.Equal(0x31425847u, BinaryPrimitives.ReadUInt32LittleEndian(data));
        var flags = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        var version = BinaryPrimitives.ReadUInt64LittleEndian(data[8..]);
        var count = BinaryPrimitives.ReadUInt32LittleEndian(data[16..]);
        var at = 20;
        var records = new List<Record>();
        for (var r = 0; r < count; r++)
        {
            var layer = BinaryPrimitives.ReadInt32LittleEndian(data[at..]);
            var x = BinaryPrimitives.ReadInt32LittleEndian(data[(at + 4)..]);
            var y = BinaryPrimitives.ReadInt32LittleEndian(data[(at + 8)..]);
            var z = BinaryPrimitives.ReadInt32LittleEndian(data[(at + 12)..]);
            var kind = data[at + 16];
            at += 17;
            uint[]? cells = kind == 0 ? null : new uint[4096];
            switch (kind)
            {
                case 0:
                    break;
                case 1:
                    for (var i = 0; i < 4096; i++, at += 4) cells![i] = BinaryPrimitives.ReadUInt32LittleEndian(data[at..]);
                    break;
                case 2:
                    var n = BinaryPrimitives.ReadUInt16LittleEndian(data[at..]);
                    at += 2;
                    for (var i = 0; i < n; i++, at += 6)
                        cells![BinaryPrimitives.ReadUInt16LittleEndian(data[at..])] = BinaryPrimitives.ReadUInt32LittleEndian(data[(at + 2)..]);
                    break;
                case 3:
                    var size = data[at] == 0 ? 256 : data[at];
                    at++;
                    var palette = new uint[size];
                    for (var i = 0; i < size; i++, at += 4) palette[i] = BinaryPrimitives.ReadUInt32LittleEndian(data[at..]);
                    for (var i = 0; i < 4096; i++) cells![i] = palette[data[at++]];
                    break;
                default:
                    Assert.Fail($"unknown block kind {kind}");
                    break;
            }
            records.Add(new Record(layer, x, y, z, kind, cells));
        }
        Assert.Equal(data.Length, at);
        return new BlockMessageReader { Full = (flags & 1) != 0, Version = version, Records = records };
    }

    /// <summary>What a page holds: blocks by (layer, origin), updated message by message.</summary>
    public sealed class Page
    {
        public Dictionary<(int Layer, int X, int Y, int Z), uint[]> Blocks { get; } = [];

        public ulong Version { get; private set; }

        public void Apply(BlockMessageReader message)
        {
            if (message.Full) Blocks.Clear();
            foreach (var r in message.Records)
                if (r.Cells is null) Blocks.Remove((r.Layer, r.X, r.Y, r.Z));
                else Blocks[(r.Layer, r.X, r.Y, r.Z)] = r.Cells;
            Version = message.Version;
        }

        /// <summary>Every voxel the page would draw: world position and RGBA (bytes R,G,B,A little-endian).</summary>
        public Dictionary<(int X, int Y, int Z), uint> Voxels(int layer)
        {
            var voxels = new Dictionary<(int, int, int), uint>();
            foreach (var ((l, bx, by, bz), cells) in Blocks)
            {
                if (l != layer) continue;
                for (var i = 0; i < 4096; i++)
                    if (cells[i] >> 24 != 0) voxels[(bx + (i & 15), by + ((i >> 4) & 15), bz + (i >> 8))] = cells[i];
            }
            return voxels;
        }
    }
}
