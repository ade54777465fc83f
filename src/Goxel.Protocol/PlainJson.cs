using System.Runtime.CompilerServices;
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

    // The byte after the last thing taken.
    private int _at;

    /// <summary>How far the scan got: the byte after the last thing taken.</summary>
    public readonly int Position => _at;

    /// <summary>After a number: its value when it is an integer of at most 18 digits, else null (read its text).</summary>
    public long? Integer { get; private set; }

    /// <summary>Moves past <paramref name="count"/> bytes already known to be plain JSON read in the same state.</summary>
    public void Skip(int count) => _at += count;

    /// <summary>Skips whitespace and returns the next byte (0 at the end of the text).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte Peek()
    {
        var text = _text;
        var at = _at;
        // Most requests are sent without whitespace between tokens.
        if ((uint)at < (uint)text.Length && text[at] > (byte)' ') return text[at];
        while ((uint)at < (uint)text.Length && text[at] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') at++;
        _at = at;
        return (uint)at < (uint)text.Length ? text[at] : (byte)0;
    }

    /// <summary>Takes <paramref name="b"/> after whitespace, if it is next.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Take(byte b)
    {
        if (Peek() != b) return false;
        _at++;
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
        var json = _text;
        var i = _at;
        while ((uint)i < (uint)json.Length && IsPlain(json[i])) i++;
        if ((uint)i >= (uint)json.Length || json[i] != (byte)'"') return false;
        text = _at..i;
        _at = i + 1;
        return true;
    }

    // A character of a plain string: printable ASCII, not a quote or a backslash.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsPlain(byte b) => b is >= 0x20 and <= 0x7E and not (byte)'"' and not (byte)'\\';

    /// <summary>A value after whitespace: its kind and its text (a string's without quotes).</summary>
    public bool Value(out JsonValueKind kind, out Range text) => Value(out kind, out text, 0);

    private bool Value(out JsonValueKind kind, out Range text, int depth)
    {
        var next = Peek();
        switch (next)
        {
            case (byte)'"':
                kind = JsonValueKind.String;
                return String(out text);
            case (byte)'{' or (byte)'[':
                kind = next == (byte)'{' ? JsonValueKind.Object : JsonValueKind.Array;
                var start = _at;
                var ok = Container(depth);
                text = start.._at;
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
        var isObject = _text[_at] == (byte)'{';
        var closer = isObject ? (byte)'}' : (byte)']';
        _at++;
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
        text = _at..(_at + word.Length);
        if (!_text[_at..].StartsWith(word)) return false;
        _at += word.Length;
        return true;
    }

    // -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, its integer value taken on the way.
    private bool Number(out Range text)
    {
        var json = _text;
        var i = _at;
        text = default;
        Integer = null;
        var negative = i < json.Length && json[i] == (byte)'-';
        if (negative) i++;
        if ((uint)i >= (uint)json.Length || !char.IsAsciiDigit((char)json[i])) return false;
        var first = i;
        long value = 0;
        if (json[i++] != (byte)'0')
        {
            value = json[i - 1] - '0';
            for (; (uint)i < (uint)json.Length && char.IsAsciiDigit((char)json[i]); i++) value = value * 10 + (json[i] - '0');
        }
        var integer = i - first <= 18;
        if ((uint)i < (uint)json.Length && json[i] == (byte)'.')
        {
            var fraction = ++i;
            if ((i = Digits(json, i)) == fraction) return false;
            integer = false;
        }
        if ((uint)i < (uint)json.Length && (json[i] | 0x20) == (byte)'e')
        {
            i++;
            if ((uint)i < (uint)json.Length && json[i] is (byte)'+' or (byte)'-') i++;
            var exponent = i;
            if ((i = Digits(json, i)) == exponent) return false;
            integer = false;
        }
        if (integer) Integer = negative ? -value : value;
        text = _at..i;
        _at = i;
        return true;
    }

    private static int Digits(ReadOnlySpan<byte> json, int i)
    {
        while ((uint)i < (uint)json.Length && char.IsAsciiDigit((char)json[i])) i++;
        return i;
    }
}
