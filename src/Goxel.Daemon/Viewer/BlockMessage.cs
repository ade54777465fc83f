using System.Buffers;
using System.Buffers.Binary;
using Goxel.Core;

namespace Goxel.Daemon.Viewer;

/// <summary>One record of a block message: a block of a layer, or null when the page must drop it.</summary>
internal readonly record struct BlockRecord(int LayerId, Int3 Key, Block? Block);

/// <summary>
/// The live viewer's binary block message ("GXB1", docs/viewer.md): a header (magic, flags,
/// version, record count) and per block its layer, origin and cells in the smallest of three
/// encodings (dense colours, a list of voxels, or a palette with one byte per cell).
/// Little-endian throughout; colours are <see cref="Rgba.Packed"/> (bytes R, G, B, A).
/// </summary>
internal static class BlockMessage
{
    /// <summary>"GXB1" read as a little-endian u32.</summary>
    public const uint Magic = 0x31425847;

    /// <summary>Flag bit: the message is a full snapshot (the page drops what it holds first).</summary>
    public const uint FullSnapshot = 1;

    /// <summary>Record kinds on the wire.</summary>
    public const byte EmptyKind = 0, DenseKind = 1, ListKind = 2, PaletteKind = 3;

    private const int HeaderBytes = 20;
    private const int RecordHeaderBytes = 17;
    private const int DenseBytes = Block.CellCount * 4;
    private const int MaxPalette = 256;

    // Below this many voxels a list (2 + 6n bytes) beats any palette (at least 1 + 4 + 4096):
    // such blocks need no colour count.
    private const int ListAlwaysWins = (1 + 4 + Block.CellCount - 2) / 6;

    /// <summary>Encodes <paramref name="records"/> as one message bringing the page to <paramref name="version"/>.</summary>
    public static ReadOnlyMemory<byte> Encode(bool full, long version, IReadOnlyCollection<BlockRecord> records)
    {
        var output = new ArrayBufferWriter<byte>(HeaderBytes + records.Count * (RecordHeaderBytes + 64));
        var header = output.GetSpan(HeaderBytes);
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], full ? FullSnapshot : 0);
        BinaryPrimitives.WriteUInt64LittleEndian(header[8..], (ulong)version);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], (uint)records.Count);
        output.Advance(HeaderBytes);
        var cells = new uint[Block.CellCount];
        var palette = new Dictionary<uint, byte>(MaxPalette + 1);
        foreach (var record in records) WriteRecord(output, record, cells, palette);
        return output.WrittenMemory;
    }

    private static void WriteRecord(ArrayBufferWriter<byte> output, BlockRecord record, uint[] cells, Dictionary<uint, byte> palette)
    {
        var head = output.GetSpan(RecordHeaderBytes);
        BinaryPrimitives.WriteInt32LittleEndian(head, record.LayerId);
        BinaryPrimitives.WriteInt32LittleEndian(head[4..], record.Key.X << Block.Shift);
        BinaryPrimitives.WriteInt32LittleEndian(head[8..], record.Key.Y << Block.Shift);
        BinaryPrimitives.WriteInt32LittleEndian(head[12..], record.Key.Z << Block.Shift);
        if (record.Block is not { } block)
        {
            head[16] = EmptyKind;
            output.Advance(RecordHeaderBytes);
            return;
        }
        block.CopyTo(cells);
        var voxels = 0;
        foreach (var cell in cells)
            if (cell >> 24 != 0) voxels++;
        var listBytes = 2 + 6 * voxels;
        var paletteBytes = int.MaxValue;
        if (voxels > ListAlwaysWins)
        {
            palette.Clear();
            foreach (var cell in cells)
            {
                if (palette.ContainsKey(cell)) continue;
                if (palette.Count == MaxPalette) break;
                palette[cell] = (byte)palette.Count;
            }
            // A colour past the 256th is never added: check the cells all found a slot.
            if (palette.Count < MaxPalette || Array.TrueForAll(cells, palette.ContainsKey)) paletteBytes = 1 + 4 * palette.Count + Block.CellCount;
        }
        var kind = listBytes <= paletteBytes && listBytes <= DenseBytes ? ListKind : paletteBytes <= DenseBytes ? PaletteKind : DenseKind;
        head[16] = kind;
        output.Advance(RecordHeaderBytes);
        switch (kind)
        {
            case ListKind: WriteList(output, cells, voxels); break;
            case PaletteKind: WritePalette(output, cells, palette); break;
            default: WriteDense(output, cells); break;
        }
    }

    private static void WriteList(ArrayBufferWriter<byte> output, uint[] cells, int voxels)
    {
        var span = output.GetSpan(2 + 6 * voxels);
        BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)voxels);
        var at = 2;
        for (var i = 0; i < cells.Length; i++)
        {
            if (cells[i] >> 24 == 0) continue;
            BinaryPrimitives.WriteUInt16LittleEndian(span[at..], (ushort)i);
            BinaryPrimitives.WriteUInt32LittleEndian(span[(at + 2)..], cells[i]);
            at += 6;
        }
        output.Advance(at);
    }

    private static void WritePalette(ArrayBufferWriter<byte> output, uint[] cells, Dictionary<uint, byte> palette)
    {
        var span = output.GetSpan(1 + 4 * palette.Count + Block.CellCount);
        span[0] = (byte)palette.Count; // 256 wraps to 0, as the format says
        var at = 1;
        foreach (var (color, _) in palette.OrderBy(e => e.Value))
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span[at..], color);
            at += 4;
        }
        foreach (var cell in cells) span[at++] = palette[cell];
        output.Advance(at);
    }

    private static void WriteDense(ArrayBufferWriter<byte> output, uint[] cells)
    {
        var span = output.GetSpan(DenseBytes);
        for (var i = 0; i < cells.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(span[(i * 4)..], cells[i]);
        output.Advance(DenseBytes);
    }
}
