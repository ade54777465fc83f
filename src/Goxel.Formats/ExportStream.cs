namespace Goxel.Formats;

/// <summary>
/// What a writer writes an export through: stops the export when its token fires (a timeout,
/// a client gone) at the next write, and refuses output past a size cap (an export returned in
/// memory), so neither a slow nor a huge export runs on unchecked.
/// </summary>
internal sealed class ExportStream(Stream inner, long maxBytes, string maxBytesName, CancellationToken cancellation) : Stream
{
    private long _written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _written;

    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        cancellation.ThrowIfCancellationRequested();
        _written += buffer.Length;
        if (_written > maxBytes)
            throw new Goxel.Core.WorkLimitException($"the export passed {maxBytes} bytes ({maxBytesName})");
        inner.Write(buffer);
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
