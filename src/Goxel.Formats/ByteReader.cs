using System.Buffers.Binary;
using System.Text;

namespace Goxel.Formats;

/// <summary>
/// Little-endian reads over an in-memory file with bounds checked on every call, so a truncated
/// or lying file ends in a <see cref="VoxelFileException"/> naming the file and offset instead of
/// an IndexOutOfRangeException.
/// </summary>
internal sealed class ByteReader
{
    private readonly byte[] _data;
    private readonly int _end;

    public ByteReader(byte[] data, string file) : this(data, file, 0, data.Length) { }

    private ByteReader(byte[] data, string file, int start, int end)
    {
        _data = data;
        File = file;
        Position = start;
        _end = end;
    }

    public string File { get; }

    public int Position { get; private set; }

    public int Remaining => _end - Position;

    public bool AtEnd => Position >= _end;

    public VoxelFileException Fail(string problem) => VoxelFileException.Corrupt(File, $"{problem} (at byte {Position})");

    public byte ReadByte() => Take(1)[0];

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public float ReadSingle() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

    /// <summary>Four bytes as ASCII, for chunk ids and magics.</summary>
    public string ReadTag() => Encoding.Latin1.GetString(Take(4));

    /// <summary>A length read from the file, refused when negative or past the end.</summary>
    public int ReadLength(string what, int elementSize = 1)
    {
        var n = ReadInt32();
        if (n < 0 || (long)n * elementSize > Remaining) throw Fail($"{what} {n} does not fit in the {Remaining} bytes left");
        return n;
    }

    public ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > Remaining) throw Fail($"needs {count} more bytes but only {Remaining} are left");
        var span = new ReadOnlySpan<byte>(_data, Position, count);
        Position += count;
        return span;
    }

    public byte[] TakeArray(int count) => Take(count).ToArray();

    public void Skip(int count) => Take(count);

    /// <summary>A reader over the next <paramref name="count"/> bytes; this one moves past them.</summary>
    public ByteReader Slice(int count)
    {
        if (count < 0 || count > Remaining) throw Fail($"a section of {count} bytes runs past the end ({Remaining} left)");
        var slice = new ByteReader(_data, File, Position, Position + count);
        Position += count;
        return slice;
    }

    /// <summary>A reader over an absolute range of the same file (for formats with offset tables).</summary>
    public ByteReader At(long offset, long length)
    {
        if (offset < 0 || length < 0 || offset + length > _data.Length) throw Fail($"range {offset}+{length} lies outside the file");
        return new ByteReader(_data, File, (int)offset, (int)(offset + length));
    }
}
