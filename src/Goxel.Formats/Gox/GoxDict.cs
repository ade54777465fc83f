using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace Goxel.Formats.Gox;

/// <summary>
/// The key/value list inside .gox chunks: (int32 key length, key, int32 value length, value)
/// repeated until the chunk ends or a key length of 0. Values stay raw; typed getters check sizes.
/// </summary>
internal sealed class GoxDict
{
    private readonly Dictionary<string, byte[]> _values = new(StringComparer.Ordinal);

    public static GoxDict Read(ByteReader reader)
    {
        var dict = new GoxDict();
        while (!reader.AtEnd)
        {
            var keyLength = reader.ReadInt32();
            if (keyLength == 0) break;
            if (keyLength < 0 || keyLength > 255) throw reader.Fail($"dictionary key length {keyLength} is out of range");
            var key = Encoding.UTF8.GetString(reader.Take(keyLength));
            var valueLength = reader.ReadLength("dictionary value length");
            dict._values[key] = reader.TakeArray(valueLength);
        }
        return dict;
    }

    public bool Has(string key) => _values.ContainsKey(key);

    /// <summary>A string value, cut at the first NUL (third-party writers leave junk after it).</summary>
    public string? String(string key)
    {
        if (!_values.TryGetValue(key, out var v)) return null;
        var end = Array.IndexOf(v, (byte)0);
        return Encoding.UTF8.GetString(v, 0, end < 0 ? v.Length : end);
    }

    public int? Int(string key) => Sized(key, 4) is { } v ? BinaryPrimitives.ReadInt32LittleEndian(v) : null;

    public float? Float(string key) => Sized(key, 4) is { } v ? BinaryPrimitives.ReadSingleLittleEndian(v) : null;

    public bool? Bool(string key) => Sized(key, 1) is { } v ? v[0] != 0 : null;

    public byte[]? Bytes(string key, int size) => Sized(key, size);

    public float[]? Floats(string key, int count)
    {
        if (Sized(key, 4 * count) is not { } v) return null;
        var floats = new float[count];
        for (var i = 0; i < count; i++) floats[i] = BinaryPrimitives.ReadSingleLittleEndian(v.AsSpan(4 * i));
        return floats;
    }

    public Matrix4x4? Matrix(string key) => Floats(key, 16) is { } f ? GoxMatrix.FromFloats(f) : null;

    // Upstream logs and ignores a known key whose value has the wrong size; so do we.
    private byte[]? Sized(string key, int size) => _values.TryGetValue(key, out var v) && v.Length == size ? v : null;
}

/// <summary>Builds a .gox dictionary in memory.</summary>
internal sealed class GoxDictWriter
{
    private readonly MemoryStream _buffer = new();

    public GoxDictWriter Add(string key, ReadOnlySpan<byte> value)
    {
        Span<byte> word = stackalloc byte[4];
        var keyBytes = Encoding.UTF8.GetBytes(key);
        BinaryPrimitives.WriteInt32LittleEndian(word, keyBytes.Length);
        _buffer.Write(word);
        _buffer.Write(keyBytes);
        BinaryPrimitives.WriteInt32LittleEndian(word, value.Length);
        _buffer.Write(word);
        _buffer.Write(value);
        return this;
    }

    public GoxDictWriter Add(string key, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        // Upstream copies values into 256-byte buffers with a terminating NUL: keep names shorter.
        if (bytes.Length > 255)
        {
            var cut = 255;
            while (cut > 0 && (bytes[cut] & 0xC0) == 0x80) cut--;
            bytes = bytes[..cut];
        }
        return Add(key, bytes);
    }

    public GoxDictWriter Add(string key, int value)
    {
        Span<byte> v = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(v, value);
        return Add(key, v);
    }

    public GoxDictWriter Add(string key, float value)
    {
        Span<byte> v = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(v, value);
        return Add(key, v);
    }

    public GoxDictWriter Add(string key, bool value) => Add(key, [(byte)(value ? 1 : 0)]);

    public GoxDictWriter Add(string key, ReadOnlySpan<float> values)
    {
        Span<byte> v = stackalloc byte[4 * values.Length];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(v[(4 * i)..], values[i]);
        return Add(key, v);
    }

    public GoxDictWriter Add(string key, Matrix4x4 m) => Add(key, GoxMatrix.ToFloats(m));

    public byte[] ToArray() => _buffer.ToArray();
}
