using System.Buffers;

namespace Goxel.Protocol;

/// <summary>What <see cref="MessageFramer.TryRead"/> found.</summary>
public enum Frame
{
    /// <summary>A complete message.</summary>
    Message,

    /// <summary>A message grew past the size limit; the rest of it is discarded as it arrives.</summary>
    Oversize,
}

/// <summary>
/// Splits a byte stream into messages: a JSON object or array ends where its top-level bracket
/// closes, so newline-delimited and back-to-back values both work; leading whitespace (blank
/// lines, CRLF) is skipped. Anything that does not start with a bracket runs to the end of its
/// line, so junk or a bare scalar still comes back as one message the envelope can reject.
/// Scan state survives across reads, so a message split over many reads is scanned once.
/// </summary>
public sealed class MessageFramer(long maxMessageBytes)
{
    private static readonly SearchValues<byte> Structural = SearchValues.Create("{}[]\""u8);
    private static readonly SearchValues<byte> StringSpecial = SearchValues.Create("\"\\"u8);

    private bool _started;
    private bool _line;
    private bool _discarding;
    private bool _inString;
    private bool _escape;
    private int _depth;
    private long _scanned;

    /// <summary>The largest message accepted, in bytes.</summary>
    public long MaxMessageBytes { get; } = maxMessageBytes;

    /// <summary>
    /// Takes the next message off the front of <paramref name="buffer"/>. Returns false when more
    /// bytes are needed; <paramref name="buffer"/> then starts at the unfinished message.
    /// </summary>
    public bool TryRead(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> message, out Frame frame)
    {
        message = default;
        frame = Frame.Message;
        while (true)
        {
            if (!_started && !Start(ref buffer)) return false;

            var end = Scan(buffer.Slice(_scanned));
            if (end < 0)
            {
                _scanned = buffer.Length;
                if (_discarding || _scanned <= MaxMessageBytes)
                {
                    if (_discarding) Drop(ref buffer);
                    return false;
                }
                _discarding = true;
                Drop(ref buffer);
                frame = Frame.Oversize;
                return true;
            }

            var length = _scanned + end;
            var lineEnd = _line ? length + 1 : length;
            var wasDiscarding = _discarding;
            var tooBig = !_discarding && length > MaxMessageBytes;
            message = buffer.Slice(0, length);
            buffer = buffer.Slice(lineEnd);
            Reset();
            if (wasDiscarding) continue;
            frame = tooBig ? Frame.Oversize : Frame.Message;
            return true;
        }
    }

    private bool Start(ref ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        reader.AdvancePastAny((byte)' ', (byte)'\t', (byte)'\r', (byte)'\n');
        buffer = buffer.Slice(reader.Position);
        if (buffer.IsEmpty) return false;
        var first = buffer.FirstSpan[0];
        _line = first is not ((byte)'{' or (byte)'[');
        _started = true;
        _scanned = 0;
        return true;
    }

    private void Drop(ref ReadOnlySequence<byte> buffer)
    {
        buffer = buffer.Slice(_scanned);
        _scanned = 0;
    }

    private void Reset()
    {
        _started = _discarding = _inString = _escape = false;
        _depth = 0;
        _scanned = 0;
    }

    /// <summary>Offset just past the end of the message within <paramref name="data"/>, or -1.</summary>
    private long Scan(ReadOnlySequence<byte> data)
    {
        long offset = 0;
        foreach (var segment in data)
        {
            var end = _line ? segment.Span.IndexOf((byte)'\n') : ScanJson(segment.Span);
            if (end >= 0) return offset + end + (_line ? 0 : 1);
            offset += segment.Length;
        }
        return -1;
    }

    /// <summary>Index of the closing top-level bracket in <paramref name="span"/>, or -1.</summary>
    private int ScanJson(ReadOnlySpan<byte> span)
    {
        var i = 0;
        while (i < span.Length)
        {
            if (_escape)
            {
                _escape = false;
                i++;
                continue;
            }
            if (_inString)
            {
                var s = span[i..].IndexOfAny(StringSpecial);
                if (s < 0) return -1;
                i += s;
                if (span[i] == (byte)'\\') _escape = true;
                else _inString = false;
                i++;
                continue;
            }
            var k = span[i..].IndexOfAny(Structural);
            if (k < 0) return -1;
            i += k;
            switch (span[i])
            {
                case (byte)'"':
                    _inString = true;
                    break;
                case (byte)'{' or (byte)'[':
                    _depth++;
                    break;
                default:
                    if (--_depth == 0) return i;
                    break;
            }
            i++;
        }
        return -1;
    }
}
