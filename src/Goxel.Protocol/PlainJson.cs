using System.Text.Json;

namespace Goxel.Protocol;

/// <summary>
/// A scanner of plain JSON, the subset <see cref="RequestReader"/> reads in place: strings of
/// printable ASCII without escapes, numbers, true, false, null, and arrays and objects of them up
/// to 64 deep, with trailing commas (the envelope's parser allows them too). What it accepts is
/// valid JSON and means what a document would read; anything else fails the scan, and the
/// message is parsed into a document instead, which accepts or refuses it as before. Written by
/// hand because <see cref="Utf8JsonReader"/>, made for all of JSON, was a sixth of a pipelined
/// add_voxel's CPU (docs/performance.md).
/// </summary>
internal ref struct PlainJson(ReadOnlySpan<byte> text)
{
    private const int MaxDepth = 64;

    private readonly ReadOnlySpan<byte> _text = text;

    /// <summary>What comes next in a container (<see cref="Next"/>).</summary>
    public enum Step
    {
        /// <summary>An item (or member): read it.</summary>
        Item,

        /// <summary>The container closed.</summary>
        End,

        /// <summary>Not plain JSON.</summary>
        Fail,
    }

    /// <summary>How far the scan got: the byte after the last thing taken.</summary>
    public int Position { get; private set; }

    /// <summary>Skips whitespace and returns the next byte (0 at the end of the text).</summary>
    public byte Peek()
    {
        while (Position < _text.Length && _text[Position] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') Position++;
        return Position < _text.Length ? _text[Position] : (byte)0;
    }

    /// <summary>Takes <paramref name="b"/> after whitespace, if it is next.</summary>
    public bool Take(byte b)
    {
        if (Peek() != b) return false;
        Position++;
        return true;
    }

    /// <summary>
    /// In a container opened with <see cref="Take"/>, what comes next: before the first item
    /// (<paramref name="first"/>) an item or the closer, later a comma and an item, a comma and the
    /// closer, or the closer.
    /// </summary>
    public Step Next(byte closer, bool first)
    {
        if (Take(closer)) return Step.End;
        if (!first && !Take((byte)',')) return Step.Fail;
        return !first && Take(closer) ? Step.End : Step.Item;
    }

    /// <summary>A string after whitespace; <paramref name="text"/> is where its characters are (without the quotes).</summary>
    public bool String(out Range text)
    {
        text = default;
        if (!Take((byte)'"')) return false;
        for (var i = Position; i < _text.Length; i++)
        {
            var b = _text[i];
            if (b == (byte)'"')
            {
                text = Position..i;
                Position = i + 1;
                return true;
            }
            if (b is < 0x20 or > 0x7E or (byte)'\\') return false;
        }
        return false;
    }

    /// <summary>A value after whitespace: its kind and its text (a string's without quotes).</summary>
    public bool Value(out JsonValueKind kind, out Range text) => Value(out kind, out text, 0);

    private bool Value(out JsonValueKind kind, out Range text, int depth)
    {
        switch (Peek())
        {
            case (byte)'"':
                kind = JsonValueKind.String;
                return String(out text);
            case (byte)'{' or (byte)'[':
                kind = _text[Position] == (byte)'{' ? JsonValueKind.Object : JsonValueKind.Array;
                var start = Position;
                var ok = Container(depth);
                text = start..Position;
                return ok;
            case (byte)'t':
                kind = JsonValueKind.True;
                return Word("true"u8, out text);
            case (byte)'f':
                kind = JsonValueKind.False;
                return Word("false"u8, out text);
            case (byte)'n':
                kind = JsonValueKind.Null;
                return Word("null"u8, out text);
            default:
                kind = JsonValueKind.Number;
                return Number(out text);
        }
    }

    private bool Container(int depth)
    {
        var isObject = _text[Position] == (byte)'{';
        var closer = isObject ? (byte)'}' : (byte)']';
        Position++;
        if (depth == MaxDepth) return false;
        for (var first = true; ; first = false)
        {
            switch (Next(closer, first))
            {
                case Step.End:
                    return true;
                case Step.Fail:
                    return false;
            }
            if (isObject && (!String(out _) || !Take((byte)':'))) return false;
            if (!Value(out _, out _, depth + 1)) return false;
        }
    }

    private bool Word(ReadOnlySpan<byte> word, out Range text)
    {
        text = Position..(Position + word.Length);
        if (!_text[Position..].StartsWith(word)) return false;
        Position += word.Length;
        return true;
    }

    // -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
    private bool Number(out Range text)
    {
        var i = Position;
        text = default;
        if (i < _text.Length && _text[i] == (byte)'-') i++;
        if (i >= _text.Length || !char.IsAsciiDigit((char)_text[i])) return false;
        if (_text[i++] != (byte)'0') i = Digits(i);
        if (i < _text.Length && _text[i] == (byte)'.')
        {
            var fraction = ++i;
            if ((i = Digits(i)) == fraction) return false;
        }
        if (i < _text.Length && (_text[i] | 0x20) == (byte)'e')
        {
            i++;
            if (i < _text.Length && _text[i] is (byte)'+' or (byte)'-') i++;
            var exponent = i;
            if ((i = Digits(i)) == exponent) return false;
        }
        text = Position..i;
        Position = i;
        return true;
    }

    private readonly int Digits(int i)
    {
        while (i < _text.Length && char.IsAsciiDigit((char)_text[i])) i++;
        return i;
    }
}
