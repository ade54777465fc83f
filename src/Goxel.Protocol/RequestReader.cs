using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Goxel.Protocol;

/// <summary>
/// A JSON-RPC request read in one pass of <see cref="Utf8JsonReader"/> over its bytes, without a
/// <see cref="JsonDocument"/>: where its method, id and params are, and where each top-level
/// value of its params is, for <see cref="RpcParams"/> to read in place. The document (its pooled
/// arrays, the object itself and the garbage collection of both) was a third of a pipelined
/// add_voxel's CPU (docs/performance.md, "Requests read without a document").
/// </summary>
/// <remarks>
/// Only the common shape is read this way: a small, valid request object whose "jsonrpc" is
/// "2.0", whose method is a plain ASCII string, whose id is absent, null, an integer or a plain
/// ASCII string, and whose params are absent, null, an array or an object with plain keys, no
/// member given twice. Anything else (a batch, a tool call, an invalid request, a parse error, a
/// message over <see cref="MaxBytes"/>) is refused here and parsed into a document as before, so
/// every reply, error or not, is the same. A value that needs more than its bytes (a nested
/// one, a fraction, a string with escapes) is read from a document of the params, made on first
/// use. One per connection's envelope, reused for each request.
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

    private static readonly JsonReaderOptions Options = new() { AllowTrailingCommas = true, MaxDepth = 256 };
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = true, MaxDepth = 256 };

    private readonly Value[] _values = new Value[MaxValues];
    private ReadOnlyMemory<byte> _message;
    private Range? _method, _id;
    private Range _params;
    private JsonTokenType _paramsType;
    private int _count;
    private JsonDocument? _document;

    /// <summary>Where one top-level value of the params is (a string's without its quotes) and, in an object, its key.</summary>
    private readonly record struct Value(Range Name, Range Text, JsonTokenType Type, bool Escaped);

    /// <summary>The method's name, as sent (ASCII, no escapes).</summary>
    public ReadOnlySpan<byte> Method => _message.Span[_method!.Value];

    /// <summary>The id to repeat in the reply.</summary>
    public RequestId Id => _id is { } id ? new RequestId(_message[id]) : default;

    /// <summary>True when the params are an array.</summary>
    public bool IsArray => _paramsType == JsonTokenType.StartArray;

    /// <summary>True when the params are an object.</summary>
    public bool IsObject => _paramsType == JsonTokenType.StartObject;

    /// <summary>False when the params have more values than are indexed: read them from <see cref="Params"/>.</summary>
    public bool Indexed => _count <= MaxValues;

    /// <summary>How many values the params have (when <see cref="Indexed"/>).</summary>
    public int Count => _count;

    /// <summary>The params as a document element (Undefined when absent), parsed on first use.</summary>
    public JsonElement Params => _paramsType == JsonTokenType.None
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
        var reader = new Utf8JsonReader(_message.Span, whole, new JsonReaderState(Options));
        try
        {
            if (ReadRequest(ref reader))
            {
                if (!whole) return (int)reader.BytesConsumed;
                if (!reader.Read()) return input.Length;
            }
        }
        catch (JsonException)
        {
            // Not valid JSON: the document's parser says where and why.
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
        _paramsType = JsonTokenType.None;
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
    public JsonValueKind Kind(int slot) => _values[slot].Type switch
    {
        JsonTokenType.StartObject => JsonValueKind.Object,
        JsonTokenType.StartArray => JsonValueKind.Array,
        JsonTokenType.String => JsonValueKind.String,
        JsonTokenType.Number => JsonValueKind.Number,
        JsonTokenType.True => JsonValueKind.True,
        JsonTokenType.False => JsonValueKind.False,
        _ => JsonValueKind.Null,
    };

    /// <summary>The number in <paramref name="slot"/> as an int64, exactly as <see cref="JsonElement.TryGetInt64"/> reads it.</summary>
    public bool TryGetInt64(int slot, out long value)
    {
        var text = _message.Span[_values[slot].Text];
        return Utf8Parser.TryParse(text, out value, out var used) && used == text.Length;
    }

    /// <summary>The number in <paramref name="slot"/> as an int32, exactly as <see cref="JsonElement.TryGetInt32"/> reads it.</summary>
    public bool TryGetInt32(int slot, out int value)
    {
        var text = _message.Span[_values[slot].Text];
        return Utf8Parser.TryParse(text, out value, out var used) && used == text.Length;
    }

    /// <summary>The string in <paramref name="slot"/>; from the document when it has escapes or is not ASCII.</summary>
    public string GetString(int slot)
    {
        var value = _values[slot];
        var text = _message.Span[value.Text];
        return !value.Escaped && Ascii.IsValid(text) ? Encoding.ASCII.GetString(text) : Element(slot).GetString()!;
    }

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

    /// <summary>Reads the request object; false at anything outside the common shape, or where the input ends first.</summary>
    private bool ReadRequest(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
        var version = false;
        while (true)
        {
            if (!reader.Read()) return false;
            if (reader.TokenType == JsonTokenType.EndObject) break;
            if (reader.ValueIsEscaped) return false;
            var key = reader.ValueSpan;
            if (!reader.Read()) return false;
            if (key.SequenceEqual("jsonrpc"u8))
            {
                if (version || reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals("2.0"u8)) return false;
                version = true;
            }
            else if (key.SequenceEqual("method"u8))
            {
                if (_method is not null || !IsPlainAscii(ref reader)) return false;
                _method = Text(ref reader);
            }
            else if (key.SequenceEqual("id"u8))
            {
                if (_id is not null || !ReadId(ref reader)) return false;
            }
            else if (key.SequenceEqual("params"u8))
            {
                if (_paramsType != JsonTokenType.None || !ReadParams(ref reader)) return false;
            }
            else if (!reader.TrySkip()) return false;
        }
        return version && _method is not null;
    }

    /// <summary>An id the reply can repeat byte for byte: null, an integer (int64), or a plain ASCII string (with its quotes).</summary>
    private bool ReadId(ref Utf8JsonReader reader)
    {
        var start = (int)reader.TokenStartIndex;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                break;
            case JsonTokenType.Number when reader.TryGetInt64(out _):
                break;
            case JsonTokenType.String when IsPlainAscii(ref reader):
                _id = start..(start + reader.ValueSpan.Length + 2);
                return true;
            default:
                return false;
        }
        _id = start..(start + reader.ValueSpan.Length);
        return true;
    }

    /// <summary>Params null, or an array or object whose top-level values are indexed (up to <see cref="MaxValues"/>).</summary>
    private bool ReadParams(ref Utf8JsonReader reader)
    {
        var start = (int)reader.TokenStartIndex;
        _paramsType = reader.TokenType;
        switch (_paramsType)
        {
            case JsonTokenType.Null:
                _params = start..(start + 4);
                return true;
            case JsonTokenType.StartArray or JsonTokenType.StartObject:
                break;
            default:
                return false;
        }
        while (true)
        {
            if (!reader.Read()) return false;
            if (reader.TokenType is JsonTokenType.EndArray or JsonTokenType.EndObject) break;
            Range name = default;
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueIsEscaped) return false;
                name = Text(ref reader);
                if (!reader.Read()) return false;
            }
            var type = reader.TokenType;
            var escaped = reader.ValueIsEscaped;
            Range text;
            if (type is JsonTokenType.StartArray or JsonTokenType.StartObject)
            {
                var first = (int)reader.TokenStartIndex;
                if (!reader.TrySkip()) return false;
                text = first..(int)reader.BytesConsumed;
            }
            else text = Text(ref reader);
            if (_count < MaxValues) _values[_count] = new Value(name, text, type, escaped);
            _count++;
        }
        _params = start..(int)reader.BytesConsumed;
        return true;
    }

    // A scalar token's own bytes (a string's or key's without its quotes) in the message.
    private static Range Text(ref Utf8JsonReader reader)
    {
        var start = (int)reader.TokenStartIndex + (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName ? 1 : 0);
        return start..(start + reader.ValueSpan.Length);
    }

    private static bool IsPlainAscii(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && Ascii.IsValid(reader.ValueSpan);
}
