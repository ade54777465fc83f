using System.Buffers.Binary;
using System.Text;

namespace Goxel.Daemon.Storage;

/// <summary>Reads the fields of one journal record's payload, in the order <see cref="RecordWriter"/> wrote them.</summary>
internal ref struct RecordReader(ReadOnlySpan<byte> payload)
{
    private ReadOnlySpan<byte> _rest = payload;

    /// <summary>True when every byte was read.</summary>
    public readonly bool AtEnd => _rest.IsEmpty;

    /// <summary>One byte.</summary>
    public byte Byte()
    {
        var value = _rest[0];
        _rest = _rest[1..];
        return value;
    }

    /// <summary>An unsigned varint.</summary>
    public ulong Unsigned()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = Byte();
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw new InvalidDataException("varint longer than 64 bits");
    }

    /// <summary>A zigzag varint.</summary>
    public long Signed()
    {
        var raw = Unsigned();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    /// <summary>A signed 32-bit integer (a zigzag varint in range).</summary>
    public int Int() => checked((int)Signed());

    /// <summary>A count of items, bounded by the bytes left so that a corrupt count cannot allocate wildly.</summary>
    public int Count()
    {
        var value = Unsigned();
        if (value > (ulong)_rest.Length + 1) throw new InvalidDataException($"count {value} exceeds the record");
        return (int)value;
    }

    /// <summary>A fixed 32-bit word.</summary>
    public uint Word()
    {
        var value = BinaryPrimitives.ReadUInt32LittleEndian(_rest);
        _rest = _rest[4..];
        return value;
    }

    /// <summary>A length-prefixed UTF-8 string.</summary>
    public string Text()
    {
        var count = Count();
        var value = Encoding.UTF8.GetString(_rest[..count]);
        _rest = _rest[count..];
        return value;
    }
}

/// <summary>What a journal record holds (its payload's first byte).</summary>
internal enum RecordKind : byte
{
    /// <summary>Starts every journal: the project's id, own file and layout at the journal's start.</summary>
    Base = 1,

    /// <summary>One committed edit, undo or redo: the layout after it and the cells it wrote.</summary>
    Change = 2,

    /// <summary>The project's own file (after load or save) and whether it now matches it.</summary>
    OwnFile = 3,

    /// <summary>In the daemon's state log: which project is current and the last id handed out.</summary>
    Current = 4,

    /// <summary>
    /// One committed edit, undo or redo that left the layout as the journal's last layout (of its
    /// base or change record) has it: only the cells it wrote. Journals of version 2 and later.
    /// </summary>
    Cells = 5,
}
