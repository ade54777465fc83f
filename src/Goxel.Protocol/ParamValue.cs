using System.Text.Json;

namespace Goxel.Protocol;

/// <summary>
/// One value of a request's params (<see cref="RpcParams.TryGetValue"/>): a document element,
/// or a value read in place from the request's bytes (<see cref="RequestReader"/>), which
/// answers the common questions (its kind, an integer, a plain string) without a document and
/// makes the params' document only for the rest (<see cref="Element"/>).
/// </summary>
public readonly struct ParamValue
{
    private readonly RequestReader? _reader;
    private readonly int _slot;
    private readonly JsonElement _element;

    internal ParamValue(RequestReader reader, int slot)
    {
        _reader = reader;
        _slot = slot;
    }

    /// <summary>A value that is a document element.</summary>
    public ParamValue(JsonElement element) => _element = element;

    /// <summary>The JSON kind of the value.</summary>
    public JsonValueKind ValueKind => _reader is null ? _element.ValueKind : _reader.Kind(_slot);

    /// <summary>The value as a document element (for a value read in place, the params' document is made now).</summary>
    public JsonElement Element => _reader is null ? _element : _reader.Element(_slot);

    /// <summary>A number that is an int32 exactly (as <see cref="JsonElement.TryGetInt32"/>).</summary>
    public bool TryGetInt32(out int value) => _reader is null ? _element.TryGetInt32(out value) : _reader.TryGetInt32(_slot, out value);

    /// <summary>A number that is an int64 exactly (as <see cref="JsonElement.TryGetInt64"/>).</summary>
    public bool TryGetInt64(out long value) => _reader is null ? _element.TryGetInt64(out value) : _reader.TryGetInt64(_slot, out value);

    /// <summary>A string's text (as <see cref="JsonElement.GetString"/>).</summary>
    public string GetString() => _reader is null ? _element.GetString()! : _reader.GetString(_slot);
}
