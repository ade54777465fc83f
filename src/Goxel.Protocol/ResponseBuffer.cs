using System.Buffers;

namespace Goxel.Protocol;

/// <summary>
/// A growable byte buffer for responses that can be cut back to an earlier length, so a
/// method that fails half-way through writing its result leaves nothing behind.
/// </summary>
public sealed class ResponseBuffer : IBufferWriter<byte>
{
    // Small: every open connection holds one (a thousand idle clients must cost little); it
    // doubles as responses need.
    private const int InitialSize = 512;

    private byte[] _bytes = new byte[InitialSize];

    /// <summary>Bytes written so far.</summary>
    public int Length { get; private set; }

    /// <summary>The written bytes.</summary>
    public ReadOnlyMemory<byte> Written => _bytes.AsMemory(0, Length);

    /// <summary>Drops everything after <paramref name="length"/>.</summary>
    public void Truncate(int length) => Length = length;

    /// <summary>Empties the buffer, shrinking it if a huge response grew it.</summary>
    public void Clear()
    {
        Length = 0;
        if (_bytes.Length > 1 << 20) _bytes = new byte[InitialSize];
    }

    /// <summary>Appends one byte.</summary>
    public void Append(byte b)
    {
        GetSpan(1)[0] = b;
        Length++;
    }

    /// <summary>Appends raw bytes.</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        Length += bytes.Length;
    }

    /// <inheritdoc/>
    public void Advance(int count) => Length += count;

    /// <inheritdoc/>
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _bytes.AsMemory(Length);
    }

    /// <inheritdoc/>
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _bytes.AsSpan(Length);
    }

    private void Ensure(int sizeHint)
    {
        var need = Length + Math.Max(sizeHint, 256);
        if (need <= _bytes.Length) return;
        Array.Resize(ref _bytes, Math.Max(need, _bytes.Length * 2));
    }
}
