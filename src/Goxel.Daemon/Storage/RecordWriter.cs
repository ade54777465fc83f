using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Goxel.Daemon.Storage;

/// <summary>
/// Builds one journal record: an 8-byte frame (payload length, CRC-32C of the payload, both
/// little-endian) and a payload of varints, zigzag varints, fixed 32-bit words and UTF-8
/// strings. Reused per journal, so an append allocates nothing once the buffer has grown.
/// </summary>
internal sealed class RecordWriter
{
    /// <summary>Bytes of the length and CRC that frame every record.</summary>
    public const int FrameBytes = 8;

    private byte[] _buffer = new byte[256];
    private int _length = FrameBytes;

    /// <summary>Starts a new record of <paramref name="kind"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Begin(RecordKind kind)
    {
        _length = FrameBytes;
        Byte((byte)kind);
    }

    /// <summary>Fills in the frame and returns the whole record (valid until the next <see cref="Begin"/>).</summary>
    public ReadOnlySpan<byte> Finish()
    {
        var payload = _buffer.AsSpan(FrameBytes, _length - FrameBytes);
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer, (uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(4), Crc32C.Compute(payload));
        return _buffer.AsSpan(0, _length);
    }

    /// <summary>One byte.</summary>
    public void Byte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    /// <summary>An unsigned varint (7 bits a byte, low first).</summary>
    public void Unsigned(ulong value)
    {
        Ensure(10);
        _length = Varint(_buffer, _length, value);
    }

    /// <summary>A signed integer as a zigzag varint (small magnitudes are short).</summary>
    public void Signed(long value) => Unsigned(Zigzag(value));

    /// <summary>A cell: its position as three signed varints and its colour as a word (one room check for all four, on every edit).</summary>
    public void Cell(int x, int y, int z, uint color)
    {
        Ensure(CellBytes);
        _length = CellAt(_length, x, y, z, color);
    }

    /// <summary>
    /// The body of a one-voxel edit's record with one room check: a layer's id, one part (a count
    /// of 1), the part's <paramref name="tag"/>, one cell (a count of 1), and the cell as
    /// <see cref="Cell"/> writes it.
    /// </summary>
    public void LayerCell(int layer, byte tag, int x, int y, int z, uint color)
    {
        Ensure(5 + 3 + CellBytes);
        var at = Varint(_buffer, _length, Zigzag(layer));
        var buffer = _buffer;
        buffer[at] = 1;
        buffer[at + 1] = tag;
        buffer[at + 2] = 1;
        _length = CellAt(at + 3, x, y, z, color);
    }

    private const int CellBytes = 3 * 5 + 4;

    private int CellAt(int at, int x, int y, int z, uint color)
    {
        at = Varint(_buffer, at, Zigzag(x));
        at = Varint(_buffer, at, Zigzag(y));
        at = Varint(_buffer, at, Zigzag(z));
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(at), color);
        return at + 4;
    }

    private static ulong Zigzag(long value) => (ulong)((value << 1) ^ (value >> 63));

    // Writes a varint at `at`; returns the byte after it. One byte (counts, layer ids, small
    // coordinates) is written where it is asked for.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Varint(byte[] buffer, int at, ulong value)
    {
        if (value >= 0x80) return LongVarint(buffer, at, value);
        buffer[at] = (byte)value;
        return at + 1;
    }

    private static int LongVarint(byte[] buffer, int at, ulong value)
    {
        while (value >= 0x80)
        {
            buffer[at++] = (byte)(value | 0x80);
            value >>= 7;
        }
        buffer[at] = (byte)value;
        return at + 1;
    }

    /// <summary>A fixed little-endian 32-bit word (colours).</summary>
    public void Word(uint value)
    {
        Ensure(4);
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    /// <summary>A length-prefixed UTF-8 string.</summary>
    public void Text(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        Unsigned((ulong)count);
        Ensure(count);
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
    }

    // Inlined, as every write asks it; growing is rare and out of line.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Ensure(int more)
    {
        if (_length + more > _buffer.Length) Grow(more);
    }

    private void Grow(int more) => Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
}
