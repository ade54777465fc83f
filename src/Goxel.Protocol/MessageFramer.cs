using System.Buffers;
using System.Text.Json;

namespace Goxel.Protocol;

/// <summary>What <see cref="MessageFramer.TryRead"/> found.</summary>
public enum Frame
{
    /// <summary>A complete message (which may still be malformed JSON: the envelope says so).</summary>
    Message,

    /// <summary>A message grew past the size limit; the rest of it is discarded as it arrives.</summary>
    Oversize,
}

/// <summary>
/// Splits a byte stream into messages: a JSON object or array ends where its top-level bracket
/// closes, so newline-delimited and back-to-back values both work; leading whitespace (blank
/// lines, CRLF) is skipped. Anything that does not start with a bracket runs to the end of its
/// line, so junk or a bare scalar still comes back as one message the envelope can reject.
/// A malformed message must not swallow the requests after it, so it ends early: at a closing
/// bracket of the wrong kind, at a raw line break inside a string (never valid JSON), and, for
/// a message that spans lines, at the line break before the line where it stopped being a valid
/// JSON prefix (checked incrementally at each line break, so only multi-line messages pay).
/// Scan state survives across reads, so a message split over many reads is scanned once.
/// </summary>
public sealed class MessageFramer(long maxMessageBytes)
{
    private static readonly SearchValues<byte> Structural = SearchValues.Create("{}[]\"\n"u8);
    private static readonly SearchValues<byte> StringSpecial = SearchValues.Create("\"\\\n"u8);

    // As lenient as the envelope's parser, so a prefix it would accept is never cut.
    private static readonly JsonReaderOptions ValidationOptions = new() { AllowTrailingCommas = true, MaxDepth = 256 };

    private bool _started;
    private bool _line;
    private bool _discarding;
    private bool _inString;
    private bool _escape;
    private int _depth;
    private long _scanned;

    // Kinds of the open brackets, one bit each (1 = object), so a mismatched close is seen.
    private ulong[] _kinds = new ulong[4];

    // Incremental check of a multi-line message: how far it is known valid, the reader state
    // there, and the last line break up to which it was valid.
    private long _validated;
    private JsonReaderState _validation = new(ValidationOptions);
    private long _goodLineEnd;

    /// <summary>True between messages: no part of one has been taken in yet.</summary>
    public bool Idle => !_started;

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

            var (end, consumed) = Scan(buffer);
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

            var wasDiscarding = _discarding;
            var tooBig = !_discarding && end > MaxMessageBytes;
            message = buffer.Slice(0, end);
            buffer = buffer.Slice(consumed);
            Reset();
            if (wasDiscarding) continue;
            frame = tooBig ? Frame.Oversize : Frame.Message;
            return true;
        }
    }

    /// <summary>
    /// At end of stream: whatever unfinished message is left (not just whitespace) as a final
    /// message, so the peer still hears that it was malformed. False when nothing is left.
    /// </summary>
    public bool TryComplete(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> message)
    {
        message = default;
        var discarding = _discarding;
        if (!_started && !Start(ref buffer)) return false;
        message = buffer;
        buffer = buffer.Slice(buffer.End);
        Reset();
        return !discarding;
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
        _validated = _goodLineEnd = 0;
        _validation = new JsonReaderState(ValidationOptions);
    }

    private void Reset()
    {
        _started = _discarding = _inString = _escape = false;
        _depth = 0;
        _scanned = 0;
        _validated = _goodLineEnd = 0;
        _validation = new JsonReaderState(ValidationOptions);
    }

    /// <summary>
    /// Where the message in <paramref name="buffer"/> ends and how many bytes it takes off the
    /// stream (its line break too, for a line message), or (-1, -1) when it is unfinished.
    /// </summary>
    private (long End, long Consumed) Scan(ReadOnlySequence<byte> buffer)
    {
        var offset = _scanned;
        foreach (var segment in buffer.Slice(_scanned))
        {
            var span = segment.Span;
            var i = 0;
            while (i < span.Length)
            {
                if (_line)
                {
                    var nl = span[i..].IndexOf((byte)'\n');
                    if (nl < 0) break;
                    var end = offset + i + nl;
                    return (end, end + 1);
                }
                var k = ScanJson(span, ref i);
                if (k == Stop.More) break;
                var at = offset + i;
                switch (k)
                {
                    case Stop.Closed:
                        return (at + 1, at + 1);
                    case Stop.Mismatch:
                        // Malformed from here on: the rest of its line belongs to it.
                        _line = true;
                        i++;
                        break;
                    case Stop.BreakInString:
                        return (at, at + 1);
                    case Stop.LineBreak:
                        // Not valid up to here: the message ends at the last line break it was valid to.
                        if (!_discarding && !ValidPrefix(buffer, at + 1))
                        {
                            var cut = _goodLineEnd > 0 ? _goodLineEnd : at;
                            return (cut, cut + 1);
                        }
                        _goodLineEnd = at;
                        i++;
                        break;
                }
            }
            offset += span.Length;
        }
        return (-1, -1);
    }

    private enum Stop
    {
        More,
        Closed,
        Mismatch,
        BreakInString,
        LineBreak,
    }

    /// <summary>Scans from <paramref name="i"/> to the next event; <paramref name="i"/> is left on the byte that caused it.</summary>
    private Stop ScanJson(ReadOnlySpan<byte> span, ref int i)
    {
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
                if (s < 0)
                {
                    i = span.Length;
                    return Stop.More;
                }
                i += s;
                switch (span[i])
                {
                    case (byte)'\\':
                        _escape = true;
                        break;
                    case (byte)'"':
                        _inString = false;
                        break;
                    default:
                        return Stop.BreakInString;
                }
                i++;
                continue;
            }
            var k = span[i..].IndexOfAny(Structural);
            if (k < 0)
            {
                i = span.Length;
                return Stop.More;
            }
            i += k;
            switch (span[i])
            {
                case (byte)'"':
                    _inString = true;
                    break;
                case (byte)'\n':
                    return Stop.LineBreak;
                case (byte)'{' or (byte)'[':
                    Push(span[i] == (byte)'{');
                    break;
                default:
                    if (Pop() != (span[i] == (byte)'}')) return Stop.Mismatch;
                    if (_depth == 0) return Stop.Closed;
                    break;
            }
            i++;
        }
        return Stop.More;
    }

    private void Push(bool isObject)
    {
        var word = _depth >> 6;
        if (word == _kinds.Length) Array.Resize(ref _kinds, _kinds.Length * 2);
        var bit = 1UL << (_depth & 63);
        _kinds[word] = isObject ? _kinds[word] | bit : _kinds[word] & ~bit;
        _depth++;
    }

    private bool Pop()
    {
        _depth--;
        return (_kinds[_depth >> 6] & (1UL << (_depth & 63))) != 0;
    }

    /// <summary>True when the message's first <paramref name="length"/> bytes can still begin valid JSON.</summary>
    private bool ValidPrefix(ReadOnlySequence<byte> buffer, long length)
    {
        var reader = new Utf8JsonReader(buffer.Slice(_validated, length - _validated), isFinalBlock: false, _validation);
        try
        {
            while (reader.Read())
            {
            }
        }
        catch (JsonException)
        {
            return false;
        }
        _validated += reader.BytesConsumed;
        _validation = reader.CurrentState;
        return true;
    }
}
