using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Goxel.Protocol;

/// <summary>
/// A JSON-RPC request read in one pass over its bytes (<see cref="PlainJson"/>), without a
/// <see cref="JsonDocument"/>: where its method, id and params are, and where each top-level
/// value of its params is, for <see cref="RpcParams"/> to read in place. The document (its pooled
/// arrays, the object itself and the garbage collection of both) was a third of a pipelined
/// add_voxel's CPU (docs/performance.md, "Requests read in place").
/// </summary>
/// <remarks>
/// Only the common shape is read this way: a small, valid request object in plain JSON (strings
/// of printable ASCII without escapes, see <see cref="PlainJson"/>) whose "jsonrpc" is "2.0",
/// whose method is a string, whose id is absent, null, an integer or a string, and whose params
/// are absent, null, an array or an object, no envelope member given twice. Anything else (a
/// batch, a tool call, an invalid request, a parse error, escapes, a message over
/// <see cref="MaxBytes"/>) is refused here and parsed into a document as before, so every reply,
/// error or not, is the same. A value that needs more than its bytes (a nested one, a fraction)
/// is read from a document of the params, made on first use. One per connection's envelope,
/// reused for each request.
/// </remarks>
internal sealed class RequestReader
{
    /// <summary>
    /// Larger messages (batches of voxels) are parsed into a document at once: reading them here
    /// first would read their every value twice.
    /// </summary>
    public const int MaxBytes = 4096;

    // Params with more top-level values than this are read from their document.
    private const int MaxValues = 32;

    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = true, MaxDepth = 256 };

    private readonly Value[] _values = new Value[MaxValues];

    // The bytes of the last request read up to its params value ({"jsonrpc":"2.0","method":
    // "goxel.add_voxel","params": and the like) when no id came before them, and where its method
    // is in them: a client sends the same envelope again and again, and the reading of those
    // bytes, the same every time, was a third of the reader's work.
    private readonly byte[] _prefix = new byte[MaxPrefix];
    private int _prefixLength;
    private Range _prefixMethod;

    // Longer envelopes are read every time.
    private const int MaxPrefix = 128;

    private ReadOnlyMemory<byte> _message;
    private Range? _method, _id;
    private Range _params;
    private JsonValueKind _paramsKind;
    private int _count;
    private JsonDocument? _document;

    /// <summary>
    /// Where one top-level value of the params is (a string's without its quotes), its kind, its
    /// key in an object, and a number's value when it is an integer of up to 18 digits.
    /// </summary>
    private readonly record struct Value(Range Name, Range Text, JsonValueKind Kind, long? Integer);

    /// <summary>The method's name, as sent (ASCII, no escapes).</summary>
    public ReadOnlySpan<byte> Method => _message.Span[_method!.Value];

    /// <summary>The id to repeat in the reply.</summary>
    public RequestId Id => _id is { } id ? new RequestId(_message[id]) : default;

    /// <summary>True when the params are an array.</summary>
    public bool IsArray => _paramsKind == JsonValueKind.Array;

    /// <summary>True when the params are an object.</summary>
    public bool IsObject => _paramsKind == JsonValueKind.Object;

    /// <summary>False when the params have more values than are indexed: read them from <see cref="Params"/>.</summary>
    public bool Indexed => _count <= MaxValues;

    /// <summary>How many values the params have (when <see cref="Indexed"/>).</summary>
    public int Count => _count;

    /// <summary>The params as a document element (Undefined when absent), parsed on first use.</summary>
    public JsonElement Params => _paramsKind == JsonValueKind.Undefined
        ? default
        : (_document ??= JsonDocument.Parse(_message[_params], DocumentOptions)).RootElement;

    /// <summary>
    /// Reads the request at the front of <paramref name="input"/> if it has the common shape (see
    /// the remarks); returns the bytes it took (leading whitespace too), or 0, having changed
    /// nothing a caller could see. A <paramref name="whole"/> input is one framed message: only
    /// whitespace may follow the request. Otherwise the input is a stream, and the request ends at
    /// its closing brace (as the framer would end it); one that is incomplete there is not read.
    /// The bytes must not change until <see cref="Clear"/>.
    /// </summary>
    public int Read(ReadOnlyMemory<byte> input, bool whole)
    {
        Clear();
        if (whole && input.Length > MaxBytes) return 0;
        _message = input[..Math.Min(input.Length, MaxBytes)];
        var json = new PlainJson(_message.Span);
        if (ReadRequest(ref json))
        {
            if (!whole) return json.Position;
            if (json.Peek() == 0 && json.Position == input.Length) return input.Length;
        }
        Clear();
        return 0;
    }

    /// <summary>Forgets the request (and disposes its params' document).</summary>
    public void Clear()
    {
        _document?.Dispose();
        _document = null;
        _message = default;
        _method = _id = null;
        _params = default;
        _paramsKind = JsonValueKind.Undefined;
        _count = 0;
    }

    /// <summary>The slot of params value <paramref name="index"/> (an array) or <paramref name="name"/> (an object), else -1.</summary>
    public int Find(int index, string name)
    {
        if (IsArray) return (uint)index < (uint)_count ? index : -1;
        if (!IsObject) return -1;
        for (var slot = _count - 1; slot >= 0; slot--)
            if (Ascii.Equals(_message.Span[_values[slot].Name], name)) return slot;
        return -1;
    }

    /// <summary>The JSON kind of the value in <paramref name="slot"/>.</summary>
    public JsonValueKind Kind(int slot) => _values[slot].Kind;

    /// <summary>The integer in <paramref name="slot"/> (-1: none) when it is one read while scanning.</summary>
    public bool TryGetInteger(int slot, out long value)
    {
        value = 0;
        if (slot < 0 || _values[slot].Integer is not { } integer) return false;
        value = integer;
        return true;
    }

    /// <summary>The number in <paramref name="slot"/> as an int64, exactly as <see cref="JsonElement.TryGetInt64"/> reads it.</summary>
    public bool TryGetInt64(int slot, out long value)
    {
        if (_values[slot].Integer is { } integer)
        {
            value = integer;
            return true;
        }
        var text = _message.Span[_values[slot].Text];
        return Utf8Parser.TryParse(text, out value, out var used) && used == text.Length;
    }

    /// <summary>The number in <paramref name="slot"/> as an int32, exactly as <see cref="JsonElement.TryGetInt32"/> reads it.</summary>
    public bool TryGetInt32(int slot, out int value)
    {
        if (_values[slot].Integer is { } integer)
        {
            value = (int)integer;
            return integer is >= int.MinValue and <= int.MaxValue;
        }
        var text = _message.Span[_values[slot].Text];
        return Utf8Parser.TryParse(text, out value, out var used) && used == text.Length;
    }

    /// <summary>The string in <paramref name="slot"/> (plain ASCII, as everything read here).</summary>
    public string GetString(int slot) => Encoding.ASCII.GetString(_message.Span[_values[slot].Text]);

    /// <summary>The value in <paramref name="slot"/> as an element of the params' document.</summary>
    public JsonElement Element(int slot)
    {
        var root = Params;
        if (IsArray) return root[slot];
        var properties = root.EnumerateObject();
        for (var i = 0; i < slot; i++) properties.MoveNext();
        properties.MoveNext();
        return properties.Current.Value;
    }

    /// <summary>
    /// Reads the request object; false at anything outside the common shape, or where the input
    /// ends first. When it begins with the bytes the last request had before its params value, the
    /// reading goes on from there in the state those bytes left: reading them again is the same.
    /// </summary>
    private bool ReadRequest(ref PlainJson json)
    {
        var version = false;
        var first = true;
        var message = _message.Span;
        if (_prefixLength > 0 && message.Length > _prefixLength && message[.._prefixLength].SequenceEqual(_prefix.AsSpan(0, _prefixLength)))
        {
            json.Skip(_prefixLength);
            (version, first, _method) = (true, false, _prefixMethod);
            if (!ReadParams(ref json)) return false;
        }
        else if (!json.Take((byte)'{')) return false;
        for (; ; first = false)
        {
            switch (json.Next((byte)'}', first))
            {
                case PlainJson.Step.End:
                    return version && _method is not null;
                case PlainJson.Step.Fail:
                    return false;
            }
            if (!json.String(out var name) || !json.Take((byte)':')) return false;
            var key = _message.Span[name];
            if (key.SequenceEqual("jsonrpc"u8))
            {
                if (version || !json.String(out var text) || !_message.Span[text].SequenceEqual("2.0"u8)) return false;
                version = true;
            }
            else if (key.SequenceEqual("method"u8))
            {
                if (_method is not null || !json.String(out var text)) return false;
                _method = text;
            }
            else if (key.SequenceEqual("id"u8))
            {
                if (_id is not null || !ReadId(ref json)) return false;
            }
            else if (key.SequenceEqual("params"u8))
            {
                if (_paramsKind != JsonValueKind.Undefined) return false;
                if (version && _method is { } method && _id is null) Remember(json.Position, method);
                if (!ReadParams(ref json)) return false;
            }
            else if (!json.Value(out _, out _)) return false;
        }
    }

    /// <summary>
    /// Positional params that are integers without whitespace ([1,-2,3,255,0,0,255]: most voxel
    /// requests), read in one tight loop; false, having taken nothing, for anything else (a
    /// fraction, an exponent, a space, a trailing comma, an empty array, another value), which the
    /// general reading takes. Integers as <see cref="PlainJson"/> reads them: up to 18 digits, no
    /// leading zero.
    /// </summary>
    private bool ReadIntegers(ref PlainJson json, int start)
    {
        var text = _message.Span;
        var at = start + 1;
        var count = 0;
        while (true)
        {
            var first = at;
            var negative = (uint)at < (uint)text.Length && text[at] == (byte)'-';
            if (negative) at++;
            var digits = at;
            long value = 0;
            while ((uint)at < (uint)text.Length && text[at] - (uint)'0' <= 9)
                value = value * 10 + (text[at++] - '0');
            var length = at - digits;
            if (length == 0 || length > 18 || (length > 1 && text[digits] == (byte)'0') || (uint)at >= (uint)text.Length || count == MaxValues)
                return false;
            var next = text[at];
            if (next != (byte)',' && next != (byte)']') return false;
            _values[count++] = new Value(default, first..at, JsonValueKind.Number, negative ? -value : value);
            at++;
            if (next == (byte)']') break;
        }
        _count = count;
        _params = start..at;
        json.Skip(at - json.Position);
        return true;
    }

    // Keeps the request's first `length` bytes (up to its params value) for the next request.
    private void Remember(int length, Range method)
    {
        if (length > MaxPrefix || (length == _prefixLength && _message.Span[..length].SequenceEqual(_prefix.AsSpan(0, length)))) return;
        _message.Span[..length].CopyTo(_prefix);
        (_prefixLength, _prefixMethod) = (length, method);
    }

    /// <summary>An id the reply can repeat byte for byte: null, an integer (int64), or a string (with its quotes).</summary>
    private bool ReadId(ref PlainJson json)
    {
        if (!json.Value(out var kind, out var text)) return false;
        var bytes = _message.Span[text];
        if (kind is not (JsonValueKind.Null or JsonValueKind.Number or JsonValueKind.String)
            || (kind == JsonValueKind.Number && json.Integer is null && !(Utf8Parser.TryParse(bytes, out long _, out var used) && used == bytes.Length)))
            return false;
        _id = kind == JsonValueKind.String ? (text.Start.Value - 1)..(text.End.Value + 1) : text;
        return true;
    }

    /// <summary>Params null, or an array or object whose top-level values are indexed (up to <see cref="MaxValues"/>).</summary>
    private bool ReadParams(ref PlainJson json)
    {
        var opener = json.Peek();
        var start = json.Position;
        if (opener == (byte)'n') return json.Value(out _paramsKind, out _params);
        if (opener is not ((byte)'[' or (byte)'{')) return false;
        var isObject = opener == (byte)'{';
        _paramsKind = isObject ? JsonValueKind.Object : JsonValueKind.Array;
        if (!isObject && ReadIntegers(ref json, start)) return true;
        json.Take(opener);
        for (var first = true; ; first = false)
        {
            switch (json.Next(isObject ? (byte)'}' : (byte)']', first))
            {
                case PlainJson.Step.End:
                    _params = start..json.Position;
                    return true;
                case PlainJson.Step.Fail:
                    return false;
            }
            Range name = default;
            if (isObject && (!json.String(out name) || !json.Take((byte)':'))) return false;
            if (!json.Value(out var kind, out var text)) return false;
            if (_count < MaxValues) _values[_count] = new Value(name, text, kind, kind == JsonValueKind.Number ? json.Integer : null);
            _count++;
        }
    }
}
